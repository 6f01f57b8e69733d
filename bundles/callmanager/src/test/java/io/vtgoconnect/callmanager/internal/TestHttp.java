package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.http.ClientLimit;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Servlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The call server's servlets on 127.0.0.1 as the HTTP Whiteboard serves them, outside a framework:
 * Jetty as their servlet container, with the client limit in front of each, as its whiteboard
 * properties ask.
 */
final class TestHttp implements AutoCloseable {
    private final Server jetty = new Server();
    private final ServletContextHandler context = new ServletContextHandler();
    private final FilterHolder limit;

    TestHttp(int port, ServerSettings settings) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(10_000);
        jetty.addConnector(connector);
        jetty.setHandler(context);
        limit = new FilterHolder(new ClientLimit(settings));
        limit.setAsyncSupported(true);
        jetty.start();
    }

    /** Serves the servlet at the pattern, behind the client limit. */
    void serve(String name, String pattern, Servlet servlet) {
        ServletHolder holder = new ServletHolder(name, servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, pattern);
        context.getServletHandler().addFilterWithMapping(limit, pattern, EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
