package io.vtgoconnect.console.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;

/**
 * The runtime's HTTP service (Pax Web) starts Jetty and takes the whiteboard's servlets on threads
 * of its own, after the framework has started its bundles: the first command other than help (a
 * RunProgram that fetches the device configuration, an EMLogin) waits until every servlet registered
 * so far is served, or failed, or a while has passed (see {@link RuntimeStart}). The console's prompt
 * shows before that: only what is typed at it waits.
 */
final class HttpWhiteboardReady {
    private static final String SERVLETS = "(osgi.http.whiteboard.servlet.pattern=*)";
    private static final long POLL_MILLIS = 20;

    private HttpWhiteboardReady() {
    }

    static void await(BundleContext context, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (System.nanoTime() < deadline && !served(context)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        } catch (InvalidSyntaxException | NoClassDefFoundError e) {
            // No HTTP Whiteboard API in this framework: nothing to wait for.
        }
    }

    /** Whether the HTTP service knows every whiteboard servlet service; true when there are none. */
    private static boolean served(BundleContext context) throws InvalidSyntaxException {
        ServiceReference<?>[] servlets = context.getAllServiceReferences(null, SERVLETS);
        if (servlets == null) {
            return true;
        }
        ServiceReference<HttpServiceRuntime> runtime = context.getServiceReference(HttpServiceRuntime.class);
        if (runtime == null) {
            return false;
        }
        HttpServiceRuntime service = context.getService(runtime);
        if (service == null) {
            return false;
        }
        try {
            RuntimeDTO dto = service.getRuntimeDTO();
            Set<Long> known = new HashSet<>();
            for (ServletContextDTO servletContext : dto.servletContextDTOs) {
                Arrays.stream(servletContext.servletDTOs).forEach(servlet -> known.add(servlet.serviceId));
            }
            Arrays.stream(dto.failedServletDTOs).forEach(servlet -> known.add(servlet.serviceId));
            return Arrays.stream(servlets).allMatch(servlet -> known.contains((Long) servlet.getProperty("service.id")));
        } finally {
            context.ungetService(runtime);
        }
    }
}
