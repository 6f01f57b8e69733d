package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.http.Lockout;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceProfile;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.callmanager.internal.voicemail.MessageWaiting;
import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.SerialWorker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The embedded call server: a SIP registrar and back-to-back user agent on {@value ServerSettings#PID}'s
 * address (127.0.0.1:5060 unless configured), with its directory ({@link Directory}), call park,
 * transfers and voicemail. The other numbers it answers itself (features, test endpoints, the
 * ACD's queues) come as {@link NumberService} components; its HTTP resources (device configuration,
 * Extension Mobility, the agent API) are servlets of the HTTP Whiteboard. {@link CallServerStart} starts
 * the server and owns it: this is there only while a server runs (not in a run of help alone, nor when
 * it cannot start).
 */
// The server's settings only as its service's properties (sip.port, ...): a client finds the server of a port.
@Component(service = CallManager.class, immediate = true, configurationPid = ServerSettings.PID)
public class CallManager {
    private final Directory directory;
    private final SipServer server;

    @Activate
    public CallManager(@Reference(name = "start") CallServerStart start, @Reference Directory directory) {
        this(directory, start.server());
    }

    /**
     * The started server, with the directory it serves. Not public: SCR looks at every public constructor with as many
     * parameters as the one it calls, and logs an error for each parameter type it cannot inject.
     */
    CallManager(Directory directory, SipServer server) {
        this.directory = directory;
        this.server = server;
    }

    /** The credential policy of the settings, for Extension Mobility and the agent API. */
    public static Lockout lockout(ServerSettings settings) {
        return new Lockout(settings.lockout_attempts(), settings.lockout_window() * 1000L, settings.lockout_time() * 1000L,
                System::currentTimeMillis);
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
        return server.codes();
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
