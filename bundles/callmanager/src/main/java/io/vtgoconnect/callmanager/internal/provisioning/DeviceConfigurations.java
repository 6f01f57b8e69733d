package io.vtgoconnect.callmanager.internal.provisioning;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves each device its configuration over HTTP, as a CallManager serves {@code SEP<MAC>.cnf.xml}
 * files: the lines it registers (with their credentials), its speed dials and where the SIP
 * server is. The phone fetches it when it starts, so a phone needs only the server and its name.
 */
public final class DeviceConfigurations implements AutoCloseable {
    public static final String SUFFIX = ".cnf.xml";
    /** Hundreds of agents' requests at once (the ACD's agent API): each waits a moment for the server's worker. */
    private static final int THREADS = 4;
    /** Connections waiting to be accepted: a contact centre's desktops connect at once when it opens. */
    private static final int BACKLOG = 512;
    private static final Pattern DEVICE_PATH = Pattern.compile("^/([A-Za-z0-9_.-]+)" + Pattern.quote(SUFFIX) + "$");

    private final HttpServer server;
    private final ExecutorService executor;

    /** What a device gets: its lines and speed dials now (Extension Mobility may change them). */
    public interface Profiles {
        Optional<DeviceProfile> of(String deviceName);
    }

    private DeviceConfigurations(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static DeviceConfigurations start(String address, int port, String sipHost, int sipPort, Profiles profiles)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), BACKLOG);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> new Thread(runnable, "vtgo-callmanager-http"));
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Matcher device = DEVICE_PATH.matcher(exchange.getRequestURI().getPath());
                Optional<DeviceProfile> profile = device.matches() && exchange.getRequestMethod().equals("GET")
                        ? profiles.of(device.group(1)) : Optional.empty();
                if (profile.isEmpty()) {
                    send(exchange, 404, "text/plain", "No such device configuration.\n");
                } else {
                    send(exchange, 200, "application/xml", xml(profile.get(), sipHost, sipPort));
                }
            }
        });
        server.start();
        return new DeviceConfigurations(server, executor);
    }

    public static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static String xml(DeviceProfile profile, String sipHost, int sipPort) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<device name=\"").append(escape(profile.deviceName())).append("\">\n")
                .append("  <callManager host=\"").append(sipHost).append("\" sipPort=\"").append(sipPort).append("\"/>\n");
        int button = 1;
        for (DirectoryLine line : profile.lines()) {
            xml.append("  <line button=\"").append(button++).append("\" number=\"").append(escape(line.number()))
                    .append("\" label=\"").append(escape(line.label())).append("\" authName=\"").append(escape(line.number()))
                    .append("\" authPassword=\"").append(escape(line.password().orElse(""))).append("\"/>\n");
        }
        for (String speedDial : profile.speedDials()) {
            String[] parts = speedDial.split("\\|", 2);
            xml.append("  <speedDial button=\"").append(button++).append("\" number=\"").append(escape(parts[0].strip()))
                    .append("\" label=\"").append(escape(parts.length > 1 ? parts[1].strip() : "")).append("\"/>\n");
        }
        return xml.append("</device>\n").toString();
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;").replace(">", "&gt;");
    }

    /** Serves another resource on the same port (e.g. the Extension Mobility service, the ACD's agent API). */
    public HttpContext register(String path, HttpHandler handler) {
        return server.createContext(path, handler);
    }

    public void unregister(String path) {
        server.removeContext(path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
