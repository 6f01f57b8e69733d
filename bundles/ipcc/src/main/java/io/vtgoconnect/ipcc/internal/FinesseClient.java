package io.vtgoconnect.ipcc.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A client of the agent API (Cisco Finesse's REST API, which the embedded ACD serves too): the
 * agent's User resource with HTTP Basic authentication, their reason codes, and the push channel.
 * The password goes in the Authorization header only; nothing here prints or logs it.
 */
final class FinesseClient {
    /** Made at the first request: see {@link #http()}. */
    private HttpClient http;
    private final URI base;
    private final Duration timeout;

    /** A request the server refused: its HTTP status, and its ApiError when it sent one. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final transient Optional<FinesseXml.ApiError> error;

        Refusal(int status, Optional<FinesseXml.ApiError> error) {
            super("HTTP " + status + error.map(found -> ": " + found.message()).orElse(""), null, false, false);
            this.status = status;
            this.error = error;
        }
    }

    /** @param base the API's base URL, e.g. http://127.0.0.1:6970/finesse */
    FinesseClient(URI base, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
    }

    /**
     * The HTTP client, made when a request first needs it: a client's selector thread waits in native
     * code, and the JVM's exit waits 0.3 s or more for such a thread, in every run that never used IPCC.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout).build();
        }
        return http;
    }

    URI base() {
        return base;
    }

    /** PUTs a User document; the server accepts it (202, or 200) or refuses. */
    void put(Credentials agent, String userDocument) throws Refusal, IOException, InterruptedException {
        send(request(agent, "").PUT(HttpRequest.BodyPublishers.ofString(userDocument)).build());
    }

    /** The agent's User document. */
    String user(Credentials agent) throws Refusal, IOException, InterruptedException {
        return send(request(agent, "").GET().build());
    }

    /** The same, without waiting. */
    CompletableFuture<String> userLater(Credentials agent) {
        return http().sendAsync(request(agent, "").GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return response.body();
                });
    }

    /** The reason codes of the category (NOT_READY or LOGOUT), in the server's order. */
    List<FinesseXml.ReasonCode> reasonCodes(Credentials agent, String category)
            throws Refusal, IOException, InterruptedException {
        return FinesseXml.reasonCodes(send(request(agent, "/ReasonCodes?category="
                + URLEncoder.encode(category, StandardCharsets.UTF_8)).GET().build()));
    }

    /** Opens the push channel: a GET of the User that accepts server-sent events, whose lines the handler takes. */
    <T> CompletableFuture<HttpResponse<T>> push(Credentials agent, HttpResponse.BodyHandler<T> lines) {
        // No timeout: the stream stays open for as long as the agent is logged in.
        return http().sendAsync(HttpRequest.newBuilder(user(agent.agentId())).header("Authorization", agent.authorization())
                .header("Accept", "text/event-stream").GET().build(), lines);
    }

    private HttpRequest.Builder request(Credentials agent, String below) {
        return HttpRequest.newBuilder(URI.create(user(agent.agentId()) + below)).timeout(timeout)
                .header("Authorization", agent.authorization()).header("Content-Type", "application/xml");
    }

    private URI user(String agentId) {
        return base.resolve("api/User/" + URLEncoder.encode(agentId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private String send(HttpRequest request) throws Refusal, IOException, InterruptedException {
        HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Refusal(response.statusCode(), FinesseXml.apiError(response.body()));
        }
        return response.body();
    }
}
