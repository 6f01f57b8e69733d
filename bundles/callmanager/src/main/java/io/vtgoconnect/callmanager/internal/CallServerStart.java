package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.directory.Directory;
import java.util.Hashtable;
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
 * Starts the call server off the framework's start-level thread: building its SIP stack and the
 * components that use it takes about half a second, which help and the console's prompt need not
 * wait for. {@link CallManager} needs this service, which a thread of its own registers: DS
 * activates the server, and what needs the server, on that thread, as the registration is made. A
 * server that cannot start fails its activation as before (DS shows it unsatisfied, the log says
 * why). Until then a service with the property {@value #STARTING} says that the server is starting:
 * the console's statements other than help wait until none is left. While a service with the
 * property {@value #COMMANDS_ONLY} is registered (the console's run that so far needs only the
 * commands' list, help), the server waits: such a run ends without ever starting it.
 */
@Component(immediate = true, service = {},
        // What else the server needs: once it is there, this service is the last the server waits for.
        reference = {@Reference(name = "directory", service = Directory.class),
                @Reference(name = "logs", service = LoggerFactory.class)})
public class CallServerStart {
    /** The property of a service that stands for something still starting in the background. */
    static final String STARTING = "vtgoconnect.starting";
    /** The property of a service that says the runtime runs only for its commands' list, for now. */
    static final String COMMANDS_ONLY = "vtgoconnect.commands.only";
    private static final String COMMANDS_ONLY_FILTER = "(" + COMMANDS_ONLY + "=*)";

    private final BundleContext context;
    private final ServiceRegistration<Object> starting;
    private final AtomicBoolean launched = new AtomicBoolean();
    private final ServiceListener commandsOnlyGone = event -> {
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            launch();
        }
    };
    /** Guarded by this. */
    private ServiceRegistration<CallServerStart> started;
    /** Guarded by this. */
    private boolean stopped;

    @Activate
    public CallServerStart(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(STARTING, "call server");
        starting = context.registerService(Object.class, new Object(), properties);
        context.addServiceListener(commandsOnlyGone, COMMANDS_ONLY_FILTER);
        if (context.getAllServiceReferences(null, COMMANDS_ONLY_FILTER) == null) {
            launch();
        }
    }

    /** Starts the server on a thread of its own, once. */
    private void launch() {
        if (launched.compareAndSet(false, true)) {
            new Thread(this::start, "vtgo-callmanager-start").start();
        }
    }

    /** Lets the server start, on this thread; the server has started, or failed to, once the registration returns. */
    private synchronized void start() {
        try {
            if (!stopped) {
                started = context.registerService(CallServerStart.class, this, null);
            }
        } catch (IllegalStateException bundleStopped) {
            // The bundle stopped before the server could start: nothing to start.
        } finally {
            unregister(starting);
        }
    }

    @Deactivate
    public void deactivate() {
        try {
            context.removeServiceListener(commandsOnlyGone);
        } catch (IllegalStateException bundleStopped) {
            // Its listeners went with it.
        }
        synchronized (this) {
            stopped = true;
            unregister(started);
            unregister(starting);
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // Unregistered before, or with the bundle's other services as it stopped.
        }
    }
}
