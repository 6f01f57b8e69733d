package io.vtgoconnect.em.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.testing.peers.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client over real HTTP, against a stand-in EM service that answers as told: the form it posts, and each failure. */
class EmClientTest {
    private final HttpServer service;
    private final AtomicReference<String> posted = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String reply = "<response><success/></response>";

    EmClientTest() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/emservice/EMServiceServlet", exchange -> {
            posted.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    private EmClient client() {
        return new EmClient(URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/emservice/EMServiceServlet"),
                Duration.ofSeconds(2));
    }

    /**
     * A run that never uses EM (`vtgoconnect -c help`) ends at once: the JVM's exit waits 0.3 s or more
     * for an HTTP client's selector thread, so the client makes none before its first request.
     */
    @Test
    void noHttpThreadRunsBeforeTheFirstRequest() {
        Set<Long> before = httpSelectorThreads();
        EmClient client = client();
        assertEquals(List.of(), newOnes(httpSelectorThreads(), before), "selector threads made with the client");
        client.logout("SEP001122334455", "jsmith", "123456");
        assertEquals(1, newOnes(httpSelectorThreads(), before).size(), "selector threads after the first request");
    }

    private static Set<Long> httpSelectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager"))
                .map(Thread::getId).collect(Collectors.toSet());
    }

    private static List<Long> newOnes(Set<Long> threads, Set<Long> before) {
        return threads.stream().filter(id -> !before.contains(id)).toList();
    }

    @Test
    void loginPostsTheEmApisRequestAsTheFormFieldXml() {
        client().login("SEP001122334455", "jsmith", "jsmith", "123456");
        assertTrue(posted.get().startsWith("xml="), posted.get());
        assertEquals("<request><appInfo><appID>jsmith</appID><appCertificate>123456</appCertificate></appInfo>"
                + "<login><deviceName>SEP001122334455</deviceName><userID>jsmith</userID></login></request>",
                URLDecoder.decode(posted.get().substring(4), StandardCharsets.UTF_8));
        client().logout("SEP001122334455", "jsmith", "123456");
        assertTrue(URLDecoder.decode(posted.get(), StandardCharsets.UTF_8)
                .contains("<logout><deviceName>SEP001122334455</deviceName></logout>"));
    }

    @Test
    void garbageIsAnUnknownResponse() {
        reply = "OK";
        CommandException refused = assertThrows(CommandException.class, () -> client().login("SEP1", "a", "a", "b"));
        assertEquals(ErrorCode.ERROR_EM_UNKNOWN_RESPONSE, refused.code());
    }

    @Test
    void anHttpErrorOrNoServiceIsAFailedRequest() {
        status = 503;
        assertEquals(ErrorCode.ERROR_EM_REQUEST_FAILED,
                assertThrows(CommandException.class, () -> client().login("SEP1", "a", "a", "b")).code());
        EmClient nobody = new EmClient(URI.create("http://127.0.0.1:" + FreePorts.udpAndTcp() + "/emservice/EMServiceServlet"),
                Duration.ofSeconds(2));
        CommandException refused = assertThrows(CommandException.class, () -> nobody.login("SEP1", "a", "a", "secret-pin"));
        assertEquals(ErrorCode.ERROR_EM_REQUEST_FAILED, refused.code());
        assertTrue(!refused.getMessage().contains("secret-pin"), "no password in the answer");
    }
}
