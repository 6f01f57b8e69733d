package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The call server's HTTP (device configuration, EM, agent API) on the HTTP Whiteboard of Pax Web on
 * Jetty, as the runtime serves it, under attack on loopback: half-open and slow connections leave
 * it answering at once and are closed once idle; a flood of connections larger than the runtime's
 * connection limit ({@code runtime/etc/jetty.xml}) is held to the limit and leaves it answering;
 * bodies too long are refused with 413 unread; malformed credentials get 401.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallServerHttpTest extends InFrameworkTest {
    private static final int IDLE_MILLIS = 2000;
    private static final int CONNECTIONS = 100;
    /** The limit of {@code runtime/etc/jetty.xml}, and a flood twice as large. */
    private static final int CONNECTION_LIMIT = 1000;
    private static final int FLOOD = 2000;
    private static final long MB = 1024 * 1024;
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(RuntimeBundles.with("media"), OptionUtils.combine(
                RuntimeBundles.http(Leftovers.freeLoopbackPorts().nextInt(), IDLE_MILLIS),
                RuntimeBundles.reactorBundle("callmanager").start(false)));
    }

    @Before
    public void startServer() throws Exception {
        port = Integer.parseInt(System.getProperty("org.osgi.service.http.port"));
        int sip = Leftovers.freeLoopbackPort();
        framework.configure("io.vtgoconnect.callmanager", Map.of("sip.port", sip, "lockout.attempts", 1000));
        framework.configureFactory("io.vtgoconnect.callmanager.line", Map.of("number", "2001", ".password", "secret-2001"));
        framework.configureFactory("io.vtgoconnect.callmanager.device", Map.of("name", "SEP001122334455",
                "lines", new String[] {"2001"}));
        framework.configureFactory("io.vtgoconnect.callmanager.agent", Map.of("id", "agent21", ".password", "secret"));
        framework.installed("io.vtgoconnect.callmanager").start();
        PhoneAndServer.awaitService(context, "(&(objectClass=io.vtgoconnect.callmanager.internal.CallManager)(sip.port="
                + sip + "))");
        Leftovers.await("the device configuration served", this::deviceConfigurationServed);
    }

    @Test
    public void halfOpenAndSlowConnectionsLeaveItAnsweringAndAreClosedOnceIdle() throws Exception {
        long rssBefore = rssBytes();
        List<Socket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                // Half of them say nothing; the others start a request and never finish its headers (slowloris).
                if (i % 2 == 1) {
                    socket.getOutputStream().write("GET /SEP001122334455.cnf.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: "
                            .getBytes(StandardCharsets.US_ASCII));
                }
                attackers.add(socket);
            }
            long start = System.nanoTime();
            HttpResponse<String> answer = get("/SEP001122334455.cnf.xml", null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.statusCode());
            assertTrue("answered in " + millis + " ms beside " + CONNECTIONS + " half-open connections", millis < 1000);
            for (Socket attacker : attackers) {
                attacker.setSoTimeout(IDLE_MILLIS * 5);
                assertEquals("an idle connection is closed by the server", -1, readAll(attacker.getInputStream()));
            }
            System.out.printf("HTTP: %d half-open connections; a request answered in %d ms; all closed after %d ms idle;"
                    + " RSS %+d MB%n", CONNECTIONS, millis, IDLE_MILLIS, (rssBytes() - rssBefore) / MB);
        } finally {
            for (Socket attacker : attackers) {
                attacker.close();
            }
        }
    }

    @Test
    public void aFloodOfConnectionsLargerThanTheLimitIsHeldToItAndLeavesItAnswering() throws Exception {
        assertEquals(200, get("/SEP001122334455.cnf.xml", null).statusCode());
        long rssBefore = rssBytes();
        int filesBefore = openFiles();
        List<Socket> flood = new ArrayList<>();
        try {
            long floodStart = System.nanoTime();
            int held = 0;
            for (int i = 0; i < FLOOD; i++) {
                Socket socket = new Socket();
                // At the limit the server stops accepting: a connection waits in the backlog until idle ones are closed.
                socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 30_000);
                flood.add(socket);
                if (i % 50 == 49) {
                    // Each of this JVM's attacking sockets is one open file; each the server holds, one more.
                    held = Math.max(held, openFiles() - filesBefore - flood.size());
                }
            }
            long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
            long start = System.nanoTime();
            HttpResponse<String> answer = get("/SEP001122334455.cnf.xml", null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.statusCode());
            // Counted as this JVM's open files, in which the runtime's own (logs, the phone's sockets, class files) move too.
            assertTrue("the server held " + held + " connections at once", held <= CONNECTION_LIMIT + 64);
            assertTrue("answered in " + millis + " ms beside " + FLOOD + " connections", millis < 5000);
            for (Socket attacker : flood) {
                attacker.setSoTimeout(IDLE_MILLIS * 5);
                assertEquals("an idle connection is closed by the server", -1, readAll(attacker.getInputStream()));
            }
            System.out.printf("HTTP: %d connections opened in %d ms, at most %d held by the server at once; a request answered in"
                    + " %d ms; RSS %+d MB%n", FLOOD, floodMillis, held, millis, (rssBytes() - rssBefore) / MB);
        } finally {
            for (Socket attacker : flood) {
                attacker.close();
            }
        }
        assertEquals(200, get("/SEP001122334455.cnf.xml", null).statusCode());
    }

    @Test
    public void bodiesTooLongAreRefusedWith413AndNotRead() throws Exception {
        long rssBefore = rssBytes();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("POST /emservice/EMServiceServlet HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1073741824\r\n\r\nxml=")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(statusLine(socket).startsWith("HTTP/1.1 413"));
        }
        // 100 MB sent in chunks with no length announced: refused once 64 KiB are read, the rest never taken in.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /finesse/api/User/agent21 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                    + java.util.Base64.getEncoder().encodeToString("agent21:secret".getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < 100 * MB) {
                    out.write(size);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (IOException closedByServer) {
                // The server answered and closed: what is left is never sent.
            }
            assertTrue(statusLine(socket).startsWith("HTTP/1.1 413"));
        }
        long grown = rssBytes() - rssBefore;
        System.out.printf("HTTP: a 1 GB and a 100 MB body refused with 413; RSS %+d MB%n", grown / MB);
        assertTrue("RSS grew by " + grown / MB + " MB", grown < 64 * MB);
    }

    @Test
    public void malformedCredentialsAre401() throws Exception {
        for (String authorization : new String[] {"Basic !!!", "Basic", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no colon".getBytes(StandardCharsets.UTF_8)), "Digest username=\"agent21\"", "Bearer x",
            "Basic " + java.util.Base64.getEncoder().encodeToString("agent21:wrong".getBytes(StandardCharsets.UTF_8))}) {
            HttpResponse<String> answer = get("/finesse/api/User/agent21", authorization);
            assertEquals(authorization, 401, answer.statusCode());
            assertTrue(answer.body(), answer.body().startsWith("<ApiErrors>"));
        }
        assertEquals(200, get("/finesse/api/User/agent21", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("agent21:secret".getBytes(StandardCharsets.UTF_8))).statusCode());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean deviceConfigurationServed() {
        try {
            return get("/SEP001122334455.cnf.xml", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads what the server sends until it closes the connection. @return -1 then */
    private static int readAll(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int read;
        do {
            read = in.read(buffer);
        } while (read > 0);
        return read;
    }

    private static String statusLine(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** The files this JVM, where the framework runs, has open (sockets included). */
    private static int openFiles() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
            return (int) files.count();
        }
    }

    /** The resident set of this JVM, where the framework runs. */
    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("No VmRSS in /proc/self/status");
    }
}
