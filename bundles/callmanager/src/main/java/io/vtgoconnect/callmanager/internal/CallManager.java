package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.http.Lockout;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceProfile;
import io.vtgoconnect.callmanager.internal.registrar.BindingStore;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.callmanager.internal.voicemail.MessageWaiting;
import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.SerialWorker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The embedded call server: a SIP registrar and back-to-back user agent on {@value ServerSettings#PID}'s
 * address (127.0.0.1:5060 unless configured), with its directory ({@link Directory}), call park,
 * transfers and voicemail. The other numbers it answers itself (features, test endpoints, the
 * ACD's queues) come as {@link NumberService} components; its HTTP resources (device configuration,
 * Extension Mobility, the agent API) are servlets of the HTTP Whiteboard. A server that cannot start (a port taken, a setting wrong) says why in one log line
 * and fails its activation, so that DS shows it unsatisfied and nothing that needs it starts. It
 * starts once {@link CallServerStart} lets it: not in a run of help alone.
 */
@Component(service = CallManager.class, configurationPid = ServerSettings.PID, immediate = true,
        reference = @Reference(name = "start", service = CallServerStart.class))
@Designate(ocd = ServerSettings.class)
public class CallManager {
    /** The registrar's bindings, in the configured folder or the bundle's data area. */
    static final String BINDINGS_FILE = "registrations.txt";

    private final Directory directory;
    private final FeatureCodes codes;
    private final SipServer server;

    /** @throws ComponentException saying why, when the server cannot start */
    @Activate
    public CallManager(ServerSettings settings, @Reference Directory directory, @Reference LoggerFactory logs,
            org.osgi.framework.BundleContext context) {
        this(settings, directory, logs, bindings(settings, context, logs));
    }

    /** The store in {@code registrations.folder}, else in the bundle's data area; none without either. */
    private static BindingStore bindings(ServerSettings settings, org.osgi.framework.BundleContext context, LoggerFactory logs) {
        Logger log = logs.getLogger(BindingStore.class);
        String folder = settings.registrations_folder().strip();
        if (!folder.isEmpty()) {
            try {
                return BindingStore.in(Files.createDirectories(Path.of(folder)).resolve(BINDINGS_FILE), log);
            } catch (IOException | InvalidPathException e) {
                log.warn("The registrations folder {} cannot be made ({}): registrations are kept in the bundle's data area.",
                        folder, e.getMessage());
            }
        }
        File dataFile = context == null ? null : context.getDataFile(BINDINGS_FILE);
        return dataFile == null ? BindingStore.NONE : BindingStore.in(dataFile.toPath(), log);
    }

    /** The server with its registrations kept in the store. */
    public CallManager(ServerSettings settings, Directory directory, LoggerFactory logs, BindingStore bindings) {
        Logger log = logs.getLogger(CallManager.class);
        this.directory = directory;
        NumberRange park;
        try {
            codes = FeatureCodes.parse(settings.feature_codes());
            NumberRange.parse("meetme.numbers", settings.meetme_numbers());
            park = NumberRange.parse("park.range", settings.park_range());
        } catch (IllegalArgumentException e) {
            throw stayDown(log, "a setting is wrong: " + e.getMessage());
        }
        try {
            server = SipServer.start(settings, codes, park, directory, bindings, logs);
        } catch (IllegalArgumentException e) {
            throw stayDown(log, "a setting is wrong: " + e.getMessage());
        } catch (Exception e) {
            throw stayDown(log, "cannot listen on " + settings.sip_address() + " (SIP " + settings.sip_port() + "): "
                    + rootMessage(e));
        }
    }

    /** The credential policy of the settings, for Extension Mobility and the agent API. */
    public static Lockout lockout(ServerSettings settings) {
        return new Lockout(settings.lockout_attempts(), settings.lockout_window() * 1000L, settings.lockout_time() * 1000L,
                System::currentTimeMillis);
    }

    private static ComponentException stayDown(Logger log, String why) {
        log.error("The call server is not running: {}.", why);
        return new ComponentException("The call server is not running: " + why + ".");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Deactivate
    public void deactivate() {
        server.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeService")
    public void addService(NumberService service) {
        server.add(service);
    }

    public void removeService(NumberService service) {
        server.remove(service);
    }

    public Directory directory() {
        return directory;
    }

    public FeatureCodes codes() {
        return codes;
    }

    /** Tells the phones of the profile's lines to fetch their configuration again, on the server's worker. */
    public void checkSync(DeviceProfile before) {
        server.worker().execute(() -> server.checkSync(before));
    }

    SipServer server() {
        return server;
    }

    public Switchboard board() {
        return server.board();
    }

    public CallRouting routing() {
        return server.routing();
    }

    public Registrar registrar() {
        return server.registrar();
    }

    public SerialWorker worker() {
        return server.worker();
    }

    public MessageWaiting messageWaiting() {
        return server.messageWaiting();
    }
}
