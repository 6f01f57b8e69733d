package io.vtgoconnect.callmanager.internal.acd;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent API's push channel: a GET of a User resource that accepts {@value #EVENT_STREAM} gets
 * server-sent events, the User document at once and again at each change (event {@code User}, the
 * document on one data line), until the agent logs out, which ends the stream. Streams are
 * written on a thread of their own, in the order of the changes, so that a slow reader never
 * holds up the server; a stream that cannot be written is dropped.
 */
@Component(service = AcdPush.class)
public final class AcdPush implements AutoCloseable {
    static final String EVENT_STREAM = "text/event-stream";

    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vtgo-acd-push");
        thread.setDaemon(true);
        return thread;
    });
    /** Open streams by agent id; only the writer thread touches them. */
    private final Map<String, List<OutputStream>> streams = new HashMap<>();
    private final AcdAgents agents;
    private final Consumer<AcdUser> listener = this::publish;

    @Activate
    public AcdPush(@Reference AcdAgents agents) {
        this.agents = agents;
        agents.listen(listener);
    }

    /** Opens the stream with the agent's User now. Called on the server's worker, as the changes are. */
    void subscribe(HttpExchange exchange, AcdUser current) {
        writer.execute(() -> {
            try {
                exchange.getResponseHeaders().set("Content-Type", EVENT_STREAM + "; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                OutputStream stream = exchange.getResponseBody();
                List<OutputStream> open = streams.computeIfAbsent(current.id(), id -> new ArrayList<>());
                open.add(stream);
                send(event(current), List.of(stream), open);
            } catch (IOException e) {
                exchange.close();
            }
        });
    }

    /** Sends the change to the agent's streams; a logout ends them. */
    void publish(AcdUser user) {
        writer.execute(() -> {
            List<OutputStream> open = streams.getOrDefault(user.id(), new ArrayList<>());
            send(event(user), List.copyOf(open), open);
            if (user.state() == AcdState.LOGOUT) {
                open.forEach(AcdPush::closeQuietly);
                streams.remove(user.id());
            }
        });
    }

    private static byte[] event(AcdUser user) {
        return ("event: User\ndata: " + AcdXml.user(user) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the event to the streams; one that cannot be written leaves {@code open}. */
    private static void send(byte[] event, List<OutputStream> streams, List<OutputStream> open) {
        for (OutputStream stream : streams) {
            try {
                stream.write(event);
                stream.flush();
            } catch (IOException e) {
                open.remove(stream);
                closeQuietly(stream);
            }
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // The reader is gone already.
        }
    }

    @Deactivate
    @Override
    public void close() {
        agents.unlisten(listener);
        writer.execute(() -> {
            streams.values().forEach(open -> open.forEach(AcdPush::closeQuietly));
            streams.clear();
        });
        writer.shutdown();
        try {
            writer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
    }
}
