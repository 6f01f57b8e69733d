package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.AgentState;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows the agent's state on the push channel: every User the server sends (server-sent events,
 * one data line each) is a state. When the stream breaks, the agent shows as IPCC unavailable and
 * the feed connects again a second later, which brings the state as it is then. A server that
 * answers with a plain User document has no push channel: it is polled instead.
 */
final class PushFeed implements StateFeed {
    private static final long RECONNECT_MILLIS = 1000;
    private static final String EVENT_STREAM = "text/event-stream";

    private final FinesseClient client;
    private final Credentials agent;
    private final ScheduledExecutorService executor;
    private final Consumer<AgentState> states;
    private final Supplier<StateFeed> polling;
    private volatile boolean closed;
    private volatile Flow.Subscription stream;
    private volatile StateFeed fallback;

    /**
     * @param states hears each state pushed, on any thread
     * @param polling starts polling, for a server without a push channel
     */
    PushFeed(FinesseClient client, Credentials agent, ScheduledExecutorService executor, Consumer<AgentState> states,
            Supplier<StateFeed> polling) {
        this.client = client;
        this.agent = agent;
        this.executor = executor;
        this.states = states;
        this.polling = polling;
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        client.push(agent, response -> isEventStream(response)
                ? HttpResponse.BodySubscribers.fromLineSubscriber(new Events())
                : HttpResponse.BodySubscribers.<Void>replacing(null)).whenComplete((response, error) -> executor.execute(() -> {
                    if (closed) {
                        return;
                    }
                    if (error == null && response.statusCode() == 200 && !isEventStream(response)) {
                        fallback = polling.get();
                        return;
                    }
                    states.accept(AgentState.UNAVAILABLE);
                    executor.schedule(this::connect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
                }));
    }

    private static boolean isEventStream(HttpResponse.ResponseInfo response) {
        return response.statusCode() == 200
                && response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM);
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM);
    }

    /** The stream's lines: an event's data lines, then a blank line that ends it. */
    private final class Events implements Flow.Subscriber<String> {
        private final StringBuilder data = new StringBuilder();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            stream = subscription;
            if (closed) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring("data:".length()).stripLeading());
            } else if (line.isEmpty() && data.length() > 0) {
                String user = data.toString();
                data.setLength(0);
                try {
                    states.accept(FinesseXml.state(user));
                } catch (IllegalArgumentException unreadable) {
                    states.accept(AgentState.UNKNOWN);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // The response's end says what became of the stream.
        }

        @Override
        public void onComplete() {
            // The response's end says what became of the stream.
        }
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription open = stream;
        if (open != null) {
            open.cancel();
        }
        StateFeed polled = fallback;
        if (polled != null) {
            polled.close();
        }
    }
}
