package io.vtgoconnect.callmanager.internal.acd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent API's push channel: a GET of a User resource that accepts {@value #EVENT_STREAM} gets
 * server-sent events, the User document at once and again at each change (event {@code User}, the
 * document on one data line), until the agent logs out, which ends the stream. Streams are
 * written on a thread of their own, in the order of the changes, so that a slow reader never
 * holds up the server; a stream that cannot be written is dropped. An agent has at most
 * {@value #STREAMS_PER_AGENT} streams open: one more is answered 503.
 */
@Component(immediate = true, service = AcdPush.class)
public final class AcdPush implements AutoCloseable {
    static final String EVENT_STREAM = "text/event-stream";
    private static final int STREAMS_PER_AGENT = 4;

    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vtgo-acd-push");
        thread.setDaemon(true);
        return thread;
    });
    /** Open streams by agent id; only the writer thread touches them. */
    private final Map<String, List<AsyncContext>> streams = new HashMap<>();
    private final AcdAgents agents;
    private final Consumer<AcdUser> listener = this::publish;

    @Activate
    public AcdPush(@Reference AcdAgents agents) {
        this.agents = agents;
        agents.listen(listener);
    }

    /** Opens the stream with the agent's User now. Called on the server's worker, as the changes are. */
    void subscribe(AsyncContext stream, AcdUser current) {
        writer.execute(() -> {
            HttpServletResponse response = (HttpServletResponse) stream.getResponse();
            List<AsyncContext> open = streams.computeIfAbsent(current.id(), id -> new ArrayList<>());
            if (open.size() >= STREAMS_PER_AGENT) {
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                stream.complete();
                return;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(EVENT_STREAM + "; charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            open.add(stream);
            send(event(current), List.of(stream), open);
        });
    }

    /** Sends the change to the agent's streams; a logout ends them. */
    void publish(AcdUser user) {
        writer.execute(() -> {
            List<AsyncContext> open = streams.getOrDefault(user.id(), new ArrayList<>());
            send(event(user), List.copyOf(open), open);
            if (user.state() == AcdState.LOGOUT) {
                open.forEach(AcdPush::end);
                streams.remove(user.id());
            }
        });
    }

    private static byte[] event(AcdUser user) {
        return ("event: User\ndata: " + AcdXml.user(user) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the event to the streams; one that cannot be written leaves {@code open}. */
    private static void send(byte[] event, List<AsyncContext> streams, List<AsyncContext> open) {
        for (AsyncContext stream : streams) {
            try {
                stream.getResponse().getOutputStream().write(event);
                stream.getResponse().flushBuffer();
            } catch (IOException | IllegalStateException e) {
                // The reader is gone: its stream is dropped, and it connects again if it still wants the changes.
                open.remove(stream);
                end(stream);
            }
        }
    }

    private static void end(AsyncContext stream) {
        try {
            stream.complete();
        } catch (IllegalStateException e) {
            // The container ended the request already (the client went away).
        }
    }

    @Deactivate
    @Override
    public void close() {
        agents.unlisten(listener);
        writer.execute(() -> {
            streams.values().forEach(open -> open.forEach(AcdPush::end));
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
