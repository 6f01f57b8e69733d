package io.vtgoconnect.callmanager.internal.em;

import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.ServerSettings;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryDevice;
import io.vtgoconnect.callmanager.internal.directory.DirectoryUser;
import io.vtgoconnect.callmanager.internal.directory.Secret;
import io.vtgoconnect.callmanager.internal.http.Http;
import io.vtgoconnect.callmanager.internal.http.Lockout;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceProfile;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceProfiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.w3c.dom.Element;

/**
 * The Extension Mobility service, as a CallManager offers it at {@value #PATH}: a user logs in to a
 * device, which then takes the user's device profile (lines, speed dials) until the user logs
 * out. Requests are the EM API's XML, posted as the form field {@code xml}; every answer is HTTP
 * 200 with {@code <response><success/></response>} or {@code <failure><error code="N">}. Every
 * request names who makes it ({@code appID}, {@code appCertificate}): the application user with
 * proxy rights, or the user concerned with their own PIN; a user who gives a wrong PIN too often is
 * locked for a while ({@link Lockout}). After a login or logout the device is told to fetch its
 * configuration again. A body longer than {@link Http#MAX_BODY} is refused with 413.
 */
@Component(immediate = true, service = {Servlet.class, DeviceProfiles.class}, configurationPid = ServerSettings.PID)
@HttpWhiteboardServletPattern(ExtensionMobility.PATH)
@HttpWhiteboardServletName(Http.EXTENSION_MOBILITY)
public final class ExtensionMobility extends HttpServlet implements DeviceProfiles {
    public static final String PATH = "/emservice/EMServiceServlet";
    private static final long serialVersionUID = 1L;

    /** The EM API's error codes, as CallManager numbers them. */
    enum Failure {
        BAD_CREDENTIALS(9, "Authentication failed"),
        UNKNOWN_DEVICE(11, "Device does not exist"),
        ANOTHER_USER_LOGGED_IN(18, "Another user is logged in to the device"),
        DEVICE_NOT_ALLOWED(22, "Device does not allow Extension Mobility logins"),
        UNKNOWN_USER(23, "User does not exist"),
        USER_LOGGED_IN_ELSEWHERE(25, "User is logged in to another device"),
        LOCKED(9, "Authentication failed: the user is locked after too many failed attempts"),
        BAD_REQUEST(1, "Request is not valid EM XML");

        final int code;
        final String text;

        Failure(int code, String text) {
            this.code = code;
            this.text = text;
        }
    }

    private final transient Directory directory;
    /** Device name to the user logged in to it. */
    private final transient Map<String, String> users = new ConcurrentHashMap<>();
    /** Told of a device whose profile changed, with the lines it had before, so that it is told to fetch it again. */
    private final transient BiConsumer<String, DeviceProfile> profileChanged;
    private final String appUser;
    private final transient Secret appPassword;
    private final transient Lockout lockout;

    @Activate
    public ExtensionMobility(@Reference CallManager server, ServerSettings settings) {
        this(server.directory(), settings.em_app_user(), Secret.of(settings._em_app_password()), CallManager.lockout(settings),
                (device, before) -> server.checkSync(before));
    }

    /** @param appUser an application user with proxy rights (may log anyone in), or empty */
    public ExtensionMobility(Directory directory, String appUser, Secret appPassword, Lockout lockout,
            BiConsumer<String, DeviceProfile> profileChanged) {
        this.directory = directory;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.lockout = lockout;
        this.profileChanged = profileChanged;
    }

    /** The lines and speed dials of the device now: its user's profile while one is logged in, else its own. */
    @Override
    public Optional<DeviceProfile> of(String deviceName) {
        return Optional.ofNullable(users.get(deviceName)).flatMap(directory::user).filter(user -> directory.device(deviceName)
                .isPresent()).map(user -> DeviceProfile.of(directory, deviceName, user.profileLines(), user.profileSpeedDials()))
                .or(() -> DeviceProfile.own(directory, deviceName));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try {
            body = Http.body(request);
        } catch (Http.TooLarge e) {
            Http.send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "text/plain", e.getMessage() + "\n");
            return;
        }
        Http.send(response, HttpServletResponse.SC_OK, "text/xml", answer(xmlField(new String(body, StandardCharsets.UTF_8))));
    }

    private static String xmlField(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("xml=")) {
                return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** The reply to one EM request. */
    synchronized String answer(String xml) {
        Element request;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            request = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            // Not XML, or XML this parser refuses (a DOCTYPE, entities): the client is told its request is bad.
            return failure(Failure.BAD_REQUEST);
        }
        String appId = text(request, "appID");
        String certificate = text(request, "appCertificate");
        if (child(request, "login").isPresent()) {
            return login(text(request, "deviceName"), text(request, "userID"), appId, certificate);
        }
        if (child(request, "logout").isPresent()) {
            return logout(text(request, "deviceName"), appId, certificate);
        }
        if (child(request, "deviceUserQuery").isPresent()) {
            String device = text(request, "deviceName");
            Optional<Failure> refused = refusal(appId, certificate, directory.user(appId));
            if (refused.isPresent()) {
                return failure(refused.get());
            }
            String user = users.get(device);
            return "<response><deviceUserResults><device name=\"" + Http.escape(device) + "\">"
                    + (user == null ? "<none/>" : "<userID>" + Http.escape(user) + "</userID>") + "</device></deviceUserResults></response>";
        }
        if (child(request, "userDevicesQuery").isPresent()) {
            String user = text(request, "userID");
            Optional<DirectoryUser> known = directory.user(user);
            if (known.isEmpty()) {
                return failure(Failure.UNKNOWN_USER);
            }
            Optional<Failure> refused = refusal(appId, certificate, known);
            if (refused.isPresent()) {
                return failure(refused.get());
            }
            StringBuilder devices = new StringBuilder();
            users.forEach((device, loggedIn) -> {
                if (loggedIn.equals(user)) {
                    devices.append("<deviceName>").append(Http.escape(device)).append("</deviceName>");
                }
            });
            return "<response><userDevicesResults><user id=\"" + Http.escape(user) + "\">"
                    + (devices.length() == 0 ? "<none/>" : devices) + "</user></userDevicesResults></response>";
        }
        return failure(Failure.BAD_REQUEST);
    }

    private String login(String deviceName, String userId, String appId, String certificate) {
        Optional<DirectoryDevice> device = directory.device(deviceName);
        if (device.isEmpty()) {
            return failure(Failure.UNKNOWN_DEVICE);
        }
        if (!device.get().emAllowed()) {
            return failure(Failure.DEVICE_NOT_ALLOWED);
        }
        Optional<DirectoryUser> user = directory.user(userId);
        if (user.isEmpty()) {
            return failure(Failure.UNKNOWN_USER);
        }
        Optional<Failure> refused = refusal(appId, certificate, user);
        if (refused.isPresent()) {
            return failure(refused.get());
        }
        String current = users.get(deviceName);
        if (current != null && !current.equals(userId)) {
            return failure(Failure.ANOTHER_USER_LOGGED_IN);
        }
        if (users.entrySet().stream().anyMatch(entry -> entry.getValue().equals(userId) && !entry.getKey().equals(deviceName))) {
            return failure(Failure.USER_LOGGED_IN_ELSEWHERE);
        }
        if (current == null) {
            DeviceProfile before = of(deviceName).orElseThrow();
            users.put(deviceName, userId);
            profileChanged.accept(deviceName, before);
        }
        return "<response><success/></response>";
    }

    private String logout(String deviceName, String appId, String certificate) {
        if (directory.device(deviceName).isEmpty()) {
            return failure(Failure.UNKNOWN_DEVICE);
        }
        String current = users.get(deviceName);
        if (current == null) {
            // Nobody to log out: the device already has its own profile.
            return "<response><success/></response>";
        }
        Optional<Failure> refused = refusal(appId, certificate, directory.user(current));
        if (refused.isPresent()) {
            return failure(refused.get());
        }
        DeviceProfile before = of(deviceName).orElseThrow();
        users.remove(deviceName);
        profileChanged.accept(deviceName, before);
        return "<response><success/></response>";
    }

    /**
     * Why the request may not act for the user (empty: it may): it must come from the user with
     * their own PIN, or from the application user with proxy rights (for any user, or none); the
     * one it names is locked after too many failures. {@code user} is empty when the request
     * concerns no one user (a device query), which only a known user or the application user may make.
     */
    private Optional<Failure> refusal(String appId, String certificate, Optional<DirectoryUser> user) {
        boolean proxy = !appUser.isEmpty() && appId.equals(appUser);
        Optional<DirectoryUser> self = proxy ? Optional.empty()
                : directory.user(appId).filter(asker -> user.isEmpty() || asker.id().equals(user.get().id()));
        if (!proxy && self.isEmpty()) {
            return Optional.of(Failure.BAD_CREDENTIALS);
        }
        if (lockout.lockedSeconds(appId) > 0) {
            return Optional.of(Failure.LOCKED);
        }
        boolean proved = proxy ? appPassword.matches(certificate) : !self.get().pin().isEmpty() && self.get().pin().matches(certificate);
        if (!proved) {
            return Optional.of(lockout.failed(appId) ? Failure.LOCKED : Failure.BAD_CREDENTIALS);
        }
        lockout.succeeded(appId);
        return Optional.empty();
    }

    private static String failure(Failure failure) {
        return "<response><failure><error code=\"" + failure.code + "\">" + failure.text + "</error></failure></response>";
    }

    private static Optional<Element> child(Element parent, String name) {
        return Optional.ofNullable((Element) parent.getElementsByTagName(name).item(0));
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().strip()).orElse("");
    }
}
