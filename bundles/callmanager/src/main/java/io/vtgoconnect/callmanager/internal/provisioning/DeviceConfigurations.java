package io.vtgoconnect.callmanager.internal.provisioning;

import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.ServerSettings;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryDevice;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.http.Http;
import io.vtgoconnect.callmanager.internal.http.Lockout;
import io.vtgoconnect.callmanager.internal.registrar.Authenticator;
import io.vtgoconnect.sipstack.DigestAlgorithm;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves each device its configuration over HTTP, as a CallManager serves {@code SEP<MAC>.cnf.xml}
 * files: the lines it registers, its speed dials and where the SIP server is. The phone fetches it
 * when it starts, so a phone needs only the server, its name and its own credential. A line's
 * credential is never its password but its HA1 for the server's realm, one per digest algorithm
 * offered (all a digest answer needs), and only a device that proves its own password (HTTP Basic,
 * the device's name as the user) gets them; a device without a password of its own is served its
 * configuration without them, to any client.
 */
@Component(immediate = true, service = Servlet.class, configurationPid = ServerSettings.PID)
@HttpWhiteboardServletPattern("*.xml")
@HttpWhiteboardServletName(Http.DEVICE_CONFIGURATION)
public final class DeviceConfigurations extends HttpServlet {
    public static final String SUFFIX = ".cnf.xml";
    private static final long serialVersionUID = 1L;
    private static final Pattern DEVICE_PATH = Pattern.compile("^/([A-Za-z0-9_.-]+)" + Pattern.quote(SUFFIX) + "$");

    private final transient Directory directory;
    private final String sipHost;
    private final int sipPort;
    private final String realm;
    private final List<DigestAlgorithm> algorithms;
    private final transient Lockout lockout;
    /** Extension Mobility, while it runs: the profile of the user logged in to a device. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile DeviceProfiles profiles;

    @Activate
    public DeviceConfigurations(@Reference CallManager server, ServerSettings settings) {
        this(server.directory(), settings, null);
    }

    /** The configurations of the directory's devices, with the profiles given (null: their own). */
    public DeviceConfigurations(Directory directory, ServerSettings settings, DeviceProfiles profiles) {
        this.directory = directory;
        this.sipHost = settings.sip_address();
        this.sipPort = settings.sip_port();
        this.realm = settings.realm();
        this.algorithms = Authenticator.algorithms(settings.digest_algorithms());
        this.lockout = CallManager.lockout(settings);
        this.profiles = profiles;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = DEVICE_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        Optional<DirectoryDevice> device = path.matches() ? directory.device(path.group(1)) : Optional.empty();
        if (device.isEmpty()) {
            Http.send(response, HttpServletResponse.SC_NOT_FOUND, "text/plain", "No such device configuration.\n");
            return;
        }
        boolean hasCredential = !device.get().password().isEmpty();
        if (hasCredential && !proved(device.get(), request)) {
            Http.unauthorized(response, device.get().name(), "text/plain", "The device's own credential is needed.\n");
            return;
        }
        DeviceProfiles current = profiles;
        Optional<DeviceProfile> profile = current == null ? DeviceProfile.own(directory, device.get().name())
                : current.of(device.get().name());
        Http.send(response, HttpServletResponse.SC_OK, "application/xml", xml(profile.orElseThrow(), sipHost, sipPort, realm,
                hasCredential ? algorithms : List.of()));
    }

    private boolean proved(DirectoryDevice device, HttpServletRequest request) {
        if (lockout.lockedSeconds(device.name()) > 0) {
            return false;
        }
        boolean proved = Http.basic(request).filter(given -> given.user().equals(device.name())
                && device.password().matches(given.password())).isPresent();
        if (proved) {
            lockout.succeeded(device.name());
        } else if (request.getHeader("Authorization") != null) {
            lockout.failed(device.name());
        }
        return proved;
    }

    /** The configuration, with the lines' HA1s for the algorithms given (none: no line credential). */
    static String xml(DeviceProfile profile, String sipHost, int sipPort, String realm, List<DigestAlgorithm> algorithms) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<device name=\"").append(Http.escape(profile.deviceName())).append("\">\n")
                .append("  <callManager host=\"").append(sipHost).append("\" sipPort=\"").append(sipPort)
                .append("\" realm=\"").append(Http.escape(realm)).append("\"/>\n");
        int button = 1;
        for (DirectoryLine line : profile.lines()) {
            xml.append("  <line button=\"").append(button++).append("\" number=\"").append(Http.escape(line.number()))
                    .append("\" label=\"").append(Http.escape(line.label())).append("\" authName=\"")
                    .append(Http.escape(line.number())).append('"');
            for (DigestAlgorithm algorithm : algorithms) {
                line.ha1(algorithm, realm).ifPresent(ha1 -> xml.append(' ').append(ha1Attribute(algorithm)).append("=\"")
                        .append(ha1).append('"'));
            }
            xml.append("/>\n");
        }
        for (String speedDial : profile.speedDials()) {
            String[] parts = speedDial.split("\\|", 2);
            xml.append("  <speedDial button=\"").append(button++).append("\" number=\"").append(Http.escape(parts[0].strip()))
                    .append("\" label=\"").append(Http.escape(parts.length > 1 ? parts[1].strip() : "")).append("\"/>\n");
        }
        return xml.append("</device>\n").toString();
    }

    /** The attribute of a line's HA1: {@code authHa1Sha256}, {@code authHa1Md5}. */
    private static String ha1Attribute(DigestAlgorithm algorithm) {
        return algorithm == DigestAlgorithm.MD5 ? "authHa1Md5" : "authHa1Sha256";
    }
}
