package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.directory.Directory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
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
 * any component. A server that cannot start fails its activation as before.
 */
@Component(immediate = true, service = {},
        // What else the server needs: once it is there, this service is the last the server waits for.
        reference = {@Reference(name = "directory", service = Directory.class),
                @Reference(name = "logs", service = LoggerFactory.class)})
public class CallServerStart {
    /** The property of a service that says the runtime runs only for its commands' list, for now. */
    static final String COMMANDS_ONLY = "vtgoconnect.commands.only";
    private static final String COMMANDS_ONLY_FILTER = "(" + COMMANDS_ONLY + "=*)";

    private final BundleContext context;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ServiceListener commandsOnlyGone = event -> {
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            start();
        }
    };

    @Activate
    public CallServerStart(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        context.addServiceListener(commandsOnlyGone, COMMANDS_ONLY_FILTER);
        if (context.getAllServiceReferences(null, COMMANDS_ONLY_FILTER) == null) {
            start();
        }
    }

    /** Lets the server start, once, on this thread. */
    private void start() {
        if (started.compareAndSet(false, true)) {
            try {
                context.registerService(CallServerStart.class, this, null);
            } catch (IllegalStateException bundleStopped) {
                // The bundle stopped meanwhile: nothing to start.
            }
        }
    }

    @Deactivate
    public void deactivate() {
        try {
            context.removeServiceListener(commandsOnlyGone);
        } catch (IllegalStateException bundleStopped) {
            // Its listeners went with it.
        }
    }
}
