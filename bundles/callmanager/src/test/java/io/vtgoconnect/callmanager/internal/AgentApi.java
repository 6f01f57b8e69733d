package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The agent API seen from an agent's desktop: plain HTTP requests as one agent, and the push channel. */
final class AgentApi {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern STATE = Pattern.compile("<state>([A-Z_]+)</state>");

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String id;
    private final String password;

    AgentApi(AcdTestServer server, String id, String password) {
        this.base = server.agentApi();
        this.id = id;
        this.password = password;
    }

    /** agent21 (blank password), agent22 or agent23 with their passwords. */
    static AgentApi as(AcdTestServer server, String id) {
        return new AgentApi(server, id, id.equals("agent21") ? "" : AcdTestServer.password(id));
    }

    HttpResponse<String> put(String userDocument) {
        return send(request("/api/User/" + id).PUT(HttpRequest.BodyPublishers.ofString(userDocument)).build());
    }

    /** PUTs {@code <User><state>state</state>more</User>}. */
    HttpResponse<String> state(String state, String more) {
        return put("<User><state>" + state + "</state>" + more + "</User>");
    }

    HttpResponse<String> login(String extension) {
        return state("LOGIN", "<extension>" + extension + "</extension>");
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** The agent's state as GET of their User says. */
    String currentState() {
        return stateOf(get("/api/User/" + id).body());
    }

    static String stateOf(String user) {
        Matcher state = STATE.matcher(user);
        return state.find() ? state.group(1) : "";
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the agent's push channel. */
    Pushed push() {
        Pushed pushed = new Pushed();
        client.sendAsync(request("/api/User/" + id).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(pushed));
        return pushed;
    }

    /** The User documents the push channel sent, in order; the end of the stream is {@link #END}. */
    static final class Pushed implements Flow.Subscriber<String> {
        static final String END = "(end of stream)";
        private final BlockingQueue<String> users = new LinkedBlockingQueue<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data: ")) {
                users.add(line.substring("data: ".length()));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            users.add(END);
        }

        @Override
        public void onComplete() {
            users.add(END);
        }

        /** The next User document pushed, or {@link #END}. */
        String next() throws InterruptedException {
            String user = users.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(user, "nothing pushed within " + TIMEOUT.toSeconds() + " s");
            return user;
        }

        /** The state of the next User pushed. */
        String nextState() throws InterruptedException {
            String user = next();
            return user.equals(END) ? END : stateOf(user);
        }
    }
}
