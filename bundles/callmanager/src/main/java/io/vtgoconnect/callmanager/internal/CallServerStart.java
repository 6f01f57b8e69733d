package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.directory.Directory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LoggerFactory;

/**
 * Lets the call server start, unless the runtime runs only for its commands' list: building its SIP
 * stack and the components that use it takes about half a second, which a run of help alone need
 * not spend. While a service with the property {@value #COMMANDS_ONLY} is registered (the console
 * registers one while its statements so far need only the commands), {@link CallManager}, which
 * needs this service, waits; once that service is withdrawn, the server starts on the thread that
 * withdrew it, before anything else starts. Otherwise it starts at once, on the framework's thread, as
 * any component. A server that cannot start fails its activation as before. A server turned off
 * ({@code enabled=false}) never starts: this says so in one log line and lets nothing start, so that
 * the server and the components that need it stay unsatisfied, quietly, instead of each failing.
 */
@Component(immediate = true, service = {}, configurationPid = ServerSettings.PID,
        // What else the server needs: once it is there, this service is the last the server waits for.
        reference = @Reference(name = "directory", service = Directory.class))
public class CallServerStart {
    /** The property of a service that says the runtime runs only for its commands' list, for now. */
    static final String COMMANDS_ONLY = "vtgoconnect.commands.only";
    private static final String COMMANDS_ONLY_FILTER = "(" + COMMANDS_ONLY + "=*)";

    private final BundleContext context;
    private final AtomicBoolean started = new AtomicBoolean();
    /** This service once it lets the server start; withdrawn as this ends (a new configuration makes a new one). */
    private volatile ServiceRegistration<CallServerStart> registration;
    private final ServiceListener commandsOnlyGone = event -> {
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            start();
        }
    };

    @Activate
    public CallServerStart(BundleContext context, ServerSettings settings, @Reference LoggerFactory logs)
            throws InvalidSyntaxException {
        this.context = context;
        if (!settings.enabled()) {
            logs.getLogger(CallManager.class).warn("The call server is turned off (enabled=false in {}.cfg): it opens no port.",
                    ServerSettings.PID);
            return;
        }
        context.addServiceListener(commandsOnlyGone, COMMANDS_ONLY_FILTER);
        if (context.getAllServiceReferences(null, COMMANDS_ONLY_FILTER) == null) {
            start();
        }
    }

    /** Lets the server start, once, on this thread. */
    private void start() {
        if (started.compareAndSet(false, true)) {
            try {
                registration = context.registerService(CallServerStart.class, this, null);
            } catch (IllegalStateException bundleStopped) {
                // The bundle stopped meanwhile: nothing to start.
            }
        }
    }

    @Deactivate
    public void deactivate() {
        try {
            context.removeServiceListener(commandsOnlyGone);
            if (registration != null) {
                registration.unregister();
            }
        } catch (IllegalStateException bundleStopped) {
            // Its listeners and services went with it.
        }
    }
}
