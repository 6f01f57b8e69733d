package io.vtgoconnect.callmanager.internal.http;

import io.vtgoconnect.callmanager.internal.ServerSettings;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterServlet;

/**
 * The call server's requests in progress, each client's and all together, are bounded: one more is
 * answered 503 at once (with Retry-After), so that no client holds the server's threads. How long a
 * connection may stay idle, before and between requests, is the HTTP service's (its idle timeout).
 */
@Component(immediate = true, service = Filter.class, configurationPid = ServerSettings.PID)
@HttpWhiteboardFilterServlet({Http.DEVICE_CONFIGURATION, Http.EXTENSION_MOBILITY, Http.AGENT_API})
@HttpWhiteboardFilterAsyncSupported
public final class ClientLimit implements Filter {
    private final int perClient;
    private final int total;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Map<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    @Activate
    public ClientLimit(ServerSettings settings) {
        this.perClient = Math.max(1, settings.http_requests_per_client());
        this.total = Math.max(perClient, settings.http_requests());
    }

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void destroy() {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String client = request.getRemoteAddr();
        AtomicInteger ofClient = byClient.computeIfAbsent(client, key -> new AtomicInteger());
        try {
            if (ofClient.incrementAndGet() > perClient | inProgress.incrementAndGet() > total) {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("Retry-After", "1");
                Http.send(http, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "text/plain", "Too many requests at once.\n");
                return;
            }
            chain.doFilter(request, response);
        } finally {
            inProgress.decrementAndGet();
            if (ofClient.decrementAndGet() == 0) {
                byClient.remove(client, ofClient);
            }
        }
    }
}
