package io.vtgoconnect.remote.internal;

import java.util.Arrays;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.FailedServletContextDTO;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.whiteboard.annotations.RequireHttpWhiteboard;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Puts the remote API on the HTTP Whiteboard: its context first, then its endpoint once the HTTP
 * runtime lists that context. Pax Web's whiteboard hands an HTTP service that has just arrived to
 * the bundles on a thread of its own, a while after it took it for theirs. Registered before the
 * context is with the runtime, the endpoint is either matched to it when the HTTP service is handed
 * over, and then registered a second time, which stops the context (the API refuses every WebSocket
 * handshake), or recorded after that hand-over and never matched (404). With its context listed, it
 * is matched and registered once, as it is recorded.
 */
@Component(immediate = true, service = {})
@RequireHttpWhiteboard
public class RemoteWhiteboard {
    /** Pax Web's service property that makes a JSR 356 endpoint object a whiteboard element. */
    private static final String WEBSOCKET = "org.ops4j.pax.web.http.whiteboard.websocket";
    private static final long FIRST_LOOK_MILLIS = 20;
    private static final long LATEST_LOOK_MILLIS = 250;

    private final BundleContext bundleContext;
    private final RemoteEndpoint api;
    private final Logger log;
    private final ServiceRegistration<ServletContextHelper> context;
    private final long contextId;
    private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vtgo-remote-whiteboard");
        thread.setDaemon(true);
        return thread;
    });
    /** The endpoint's registration once made; guarded by this. */
    private ServiceRegistration<?> endpoint;
    /** Whether the component is deactivated; guarded by this. */
    private boolean closed;
    /** Only the looks' thread reads and writes it. */
    private boolean failureLogged;

    @Activate
    public RemoteWhiteboard(@Reference RemoteEndpoint api, @Reference LoggerFactory logs, BundleContext bundleContext) {
        this.bundleContext = bundleContext;
        this.api = api;
        this.log = logs.getLogger(RemoteWhiteboard.class);
        context = bundleContext.registerService(ServletContextHelper.class, new RemoteContext(bundleContext.getBundle()),
                RemoteContext.properties());
        contextId = (Long) context.getReference().getProperty(Constants.SERVICE_ID);
        looks.execute(() -> registerEndpointOnceServed(FIRST_LOOK_MILLIS));
    }

    /** Services are registered and unregistered outside the lock: their listeners run in those calls. */
    @Deactivate
    void deactivate() {
        ServiceRegistration<?> registered;
        synchronized (this) {
            closed = true;
            registered = endpoint;
            looks.shutdownNow();
        }
        if (registered != null) {
            registered.unregister();
        }
        context.unregister();
    }

    /** Looks at the runtime again later, each time twice as late, up to a quarter of a second apart, until it lists the context. */
    private void registerEndpointOnceServed(long delayMillis) {
        RuntimeDTO runtime = runtime();
        if (runtime != null && Arrays.stream(runtime.servletContextDTOs).anyMatch(served -> served.serviceId == contextId)) {
            Hashtable<String, Object> element = RemoteContext.selected();
            element.put(WEBSOCKET, Boolean.TRUE);
            ServiceRegistration<?> registered = bundleContext.registerService(Object.class, api, element);
            synchronized (this) {
                if (!closed) {
                    endpoint = registered;
                    return;
                }
            }
            registered.unregister(); // deactivated meanwhile
            return;
        }
        if (runtime != null) {
            logRefusal(runtime.failedServletContextDTOs);
        }
        synchronized (this) {
            if (!closed) {
                looks.schedule(() -> registerEndpointOnceServed(Math.min(delayMillis * 2, LATEST_LOOK_MILLIS)), delayMillis,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Says once that the runtime refused the context (another at the same path ranks higher, say). */
    private void logRefusal(FailedServletContextDTO[] failed) {
        for (FailedServletContextDTO refused : failed) {
            if (refused.serviceId == contextId && !failureLogged) {
                failureLogged = true;
                log.warn("The HTTP runtime does not serve the remote API's context {} (OSGi failure reason {}); "
                        + "the API is not available until it does.", RemoteContext.PATH, refused.failureReason);
            }
        }
    }

    /** What the HTTP runtime serves now, or null while there is none. */
    private RuntimeDTO runtime() {
        ServiceReference<HttpServiceRuntime> reference = bundleContext.getServiceReference(HttpServiceRuntime.class);
        HttpServiceRuntime runtime = reference == null ? null : bundleContext.getService(reference);
        if (runtime == null) {
            return null;
        }
        try {
            return runtime.getRuntimeDTO();
        } catch (RuntimeException stopping) {
            return null; // Pax Web's runtime refuses while it stops: the next look finds its successor, if any
        } finally {
            bundleContext.ungetService(reference);
        }
    }
}
