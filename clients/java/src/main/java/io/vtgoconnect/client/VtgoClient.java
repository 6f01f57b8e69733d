package io.vtgoconnect.client;

import io.vtgoconnect.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of VTGOConnect's remote API (JSON over WebSocket): each request blocks until its reply,
 * and events reach the listeners as they arrive, on the client's receiving thread.
 *
 * <pre>
 * try (VtgoClient client = VtgoClient.connect(URI.create("ws://127.0.0.1:6970/vtgo/api"))) {
 *     client.login("ci", "s3cret");
 *     client.run("phone1", "MakeCall", "3001");
 *     client.waitFor(Map.of("phones", List.of("phone2"), "states", List.of("TsRingIn")), Duration.ofSeconds(10));
 * }
 * </pre>
 * Over TLS ({@code wss://}) the server's certificate must chain to a CA the SSLContext given trusts
 * (the Java runtime's CAs when none is given), e.g. {@code connect(uri, VtgoClient.trusting(caPem))}.
 */
public final class VtgoClient implements AutoCloseable {
    /** How long a request waits for its reply unless told otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The pause between two attempts to connect to a runtime that is starting. */
    private static final long RETRY_MILLIS = 100;

    private final WebSocket socket;
    /** The key under which the reply to a text that was no request waits: such a reply carries no id. */
    private static final Object UNADDRESSED = new Object();
    private final Map<Object, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Map<String, Object>> hello = new CompletableFuture<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();

    /** How the server closed the connection: the WebSocket status code and its reason. */
    public record Closed(int code, String reason) {
    }

    private VtgoClient(URI uri, SSLContext tls) throws IOException {
        try {
            socket = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10))
                    .sslContext(tls).build().newWebSocketBuilder().buildAsync(uri, new Receiver()).get(10, TimeUnit.SECONDS);
            hello.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (causedBy(cause, SSLHandshakeException.class)) {
                throw new UntrustedServerException("Cannot connect to " + uri + ": " + (causedBy(cause, CertPathBuilderException.class)
                        || causedBy(cause, CertificateException.class) ? "the server's TLS certificate is not issued by a CA "
                        + "this client trusts" : "the TLS handshake failed") + " (" + rootMessage(cause) + ").", e);
            }
            throw new IOException("Cannot connect to " + uri + ": " + cause, e);
        } catch (TimeoutException e) {
            throw new IOException("Cannot connect to " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while connecting to " + uri, e);
        }
    }

    /** A server whose TLS certificate this client does not trust: trying again changes nothing. */
    public static final class UntrustedServerException extends IOException {
        private static final long serialVersionUID = 1L;

        UntrustedServerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** TLS that trusts the CA certificates of a PEM file, and no others. */
    public static SSLContext trusting(Path caCertificates) throws IOException {
        try (InputStream pem = Files.newInputStream(caCertificates)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("No CA certificate can be read from " + caCertificates + ": " + e.getMessage(), e);
        }
    }

    /** Connects and waits for the server's hello. */
    public static VtgoClient connect(URI uri) throws IOException {
        return connect(uri, defaultTls());
    }

    /** Connects over TLS that trusts what {@code tls} trusts, and waits for the server's hello. */
    public static VtgoClient connect(URI uri, SSLContext tls) throws IOException {
        return new VtgoClient(uri, tls);
    }

    /**
     * Connects as soon as the API answers, trying again while the runtime starts (its HTTP service is
     * not listening yet, or not serving the API yet), until the patience runs out.
     */
    public static VtgoClient connect(URI uri, Duration patience) throws IOException {
        return connect(uri, patience, defaultTls());
    }

    /** As {@link #connect(URI, Duration)}, over TLS that trusts what {@code tls} trusts; an untrusted server fails at once. */
    public static VtgoClient connect(URI uri, Duration patience, SSLContext tls) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return new VtgoClient(uri, tls);
            } catch (UntrustedServerException untrusted) {
                throw untrusted;
            } catch (IOException notYet) {
                if (System.nanoTime() >= deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while connecting to " + uri, e);
                }
            }
        }
    }

    private static SSLContext defaultTls() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IOException("The Java runtime has no TLS: " + e.getMessage(), e);
        }
    }

    /** Logs in with a user and password. @throws VtgoException for a wrong credential */
    public Reply login(String user, String password) {
        return request(Map.of("command", "login", "user", user, "password", password)).orThrow();
    }

    /** Logs in with a token. @throws VtgoException for a wrong one */
    public Reply loginWithToken(String token) {
        return request(Map.of("command", "login", "token", token)).orThrow();
    }

    /** Runs a command on the phone (null: the first). @throws VtgoException with the manual's error, when refused */
    public Reply run(String phone, String command, String... arguments) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", command);
        if (phone != null) {
            request.put("phone", phone);
        }
        request.put("args", Arrays.asList(arguments));
        return request(request).orThrow();
    }

    /** Subscribes to the events the filter takes (events, phones, lines, callRefs, states). @return the subscription */
    public String subscribe(Map<String, ?> filter) {
        return String.valueOf(request(Map.of("command", "subscribe", "filter", filter)).orThrow().result().get("subscription"));
    }

    public void unsubscribe(String subscription) {
        request(Map.of("command", "unsubscribe", "subscription", subscription)).orThrow();
    }

    /**
     * The first event the filter takes since the request before this one began (or the last wait's
     * match), or to come within the timeout. @throws VtgoException when none came in time
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> waitFor(Map<String, ?> filter, Duration timeout) {
        Reply reply = request(Map.of("command", "waitfor", "filter", filter, "timeout", timeout.toMillis() / 1000.0),
                timeout.plus(TIMEOUT));
        if (reply.timeout() != null) {
            throw new VtgoException("TIMEOUT", -1, reply.timeout());
        }
        return (Map<String, Object>) reply.orThrow().result().get("event");
    }

    /** Calls the listener with each event a subscription takes, as its JSON object. */
    public void addListener(Consumer<Map<String, Object>> listener) {
        listeners.add(listener);
    }

    /** Sends any request (an id is added) and waits for its reply. */
    public Reply request(Map<String, ?> request) {
        return request(request, TIMEOUT);
    }

    private Reply request(Map<String, ?> request, Duration timeout) {
        long id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.putAll(request);
        return exchange(id, Json.write(message), String.valueOf(message.get("command")), timeout);
    }

    /**
     * Sends a text frame as it is, JSON or not (for tests of what the server takes), and waits for
     * the server's reply to it: a text the server cannot read as a request is answered with no id.
     * One such text at a time.
     */
    public synchronized Reply requestRaw(String text) {
        return exchange(UNADDRESSED, text, "the text sent", TIMEOUT);
    }

    /** Sends the text and waits for the reply that comes under the key (a request's id, or {@link #UNADDRESSED}). */
    private Reply exchange(Object key, String text, String what, Duration timeout) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(key, reply);
        try {
            sendText(text);
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new VtgoException("CLOSED", -1, String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new VtgoException("TIMEOUT", -1, "No reply to " + what + " within " + timeout.toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VtgoException("INTERRUPTED", -1, "Interrupted while waiting for a reply.");
        } finally {
            pending.remove(key);
        }
    }

    /** Sends a text frame as it is, JSON or not, and waits for no reply (for tests of what the server takes). */
    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Completes when the server closes the connection. */
    public CompletableFuture<Closed> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
        }
        socket.abort();
    }

    /** A reply: the request's result, an error with the manual's code, or a wait that timed out. */
    public record Reply(Map<String, Object> result, Map<String, Object> error, String timeout) {
        /** The command's output lines. */
        @SuppressWarnings("unchecked")
        public List<String> output() {
            return result == null || !(result.get("output") instanceof List<?>) ? List.of() : (List<String>) result.get("output");
        }

        Reply orThrow() {
            if (error != null) {
                throw new VtgoException(String.valueOf(error.get("error")), ((Number) error.get("code")).intValue(),
                        String.valueOf(error.get("message")));
            }
            return this;
        }
    }

    /** A refusal: the manual's code name and number and its sentence. */
    public static final class VtgoException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String error;
        private final int code;

        VtgoException(String error, int code, String sentence) {
            super(error + (code < 0 ? "" : "(" + code + ")") + " - " + sentence);
            this.error = error;
            this.code = code;
        }

        public String error() {
            return error;
        }

        public int code() {
            return code;
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            Closed reasonClosed = new Closed(statusCode, reason);
            closed.complete(reasonClosed);
            pending.values().forEach(reply -> reply.completeExceptionally(new IOException("closed: " + statusCode + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }
    }

    @SuppressWarnings("unchecked")
    private void received(String text) {
        Map<String, Object> message = (Map<String, Object>) Json.read(text);
        switch (String.valueOf(message.get("kind"))) {
            case "hello" -> hello.complete(message);
            case "event" -> listeners.forEach(listener -> listener.accept(message));
            case "reply" -> {
                Object id = message.get("id");
                // A reply with no id answers a text that was no request (requestRaw).
                CompletableFuture<Reply> reply = pending.get(id == null ? UNADDRESSED : id);
                if (reply != null) {
                    reply.complete(new Reply((Map<String, Object>) message.get("result"),
                            (Map<String, Object>) message.get("error"), (String) message.get("timeout")));
                }
            }
            default -> {
                // A kind of message this client does not know: a newer server's.
            }
        }
    }
}
