package io.vtgoconnect.callmanager.internal;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The call server's one HTTP port (the JDK's own server), on which each service (device
 * configurations, the agent API) serves a context of its own.
 */
final class WebServer implements AutoCloseable {
    /** Requests are short and the push channel holds no thread while it waits: a few threads serve them all. */
    private static final int THREADS = 4;
    /** Connections waiting to be accepted: hundreds of agents connect at once when the server starts. */
    private static final int BACKLOG = 512;

    private final HttpServer server;
    private final ExecutorService executor;

    private WebServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static WebServer start(String address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), BACKLOG);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> new Thread(runnable, "vtgo-callmanager-http"));
        server.setExecutor(executor);
        server.start();
        return new WebServer(server, executor);
    }

    /** Serves requests whose path starts with {@code path}. */
    HttpContext serve(String path, HttpHandler handler) {
        return server.createContext(path, handler);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
