package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.AgentState;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Follows the agent's state by reading their User every interval, as a client of a server with
 * the REST resources alone must. A read that fails shows the agent as IPCC unavailable.
 */
final class PollFeed implements StateFeed {
    private final ScheduledFuture<?> polls;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean closed;

    /** @param states hears each state read, on any thread */
    PollFeed(FinesseClient client, Credentials agent, ScheduledExecutorService executor, Duration interval,
            Consumer<AgentState> states) {
        polls = executor.scheduleWithFixedDelay(() -> {
            // A slow server is not asked again before it answered.
            if (reading.compareAndSet(false, true)) {
                client.userLater(agent).whenComplete((user, error) -> {
                    reading.set(false);
                    if (!closed) {
                        states.accept(error != null ? AgentState.UNAVAILABLE : stateOf(user));
                    }
                });
            }
        }, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static AgentState stateOf(String user) {
        try {
            return FinesseXml.state(user);
        } catch (IllegalArgumentException unreadable) {
            return AgentState.UNKNOWN;
        }
    }

    @Override
    public void close() {
        closed = true;
        polls.cancel(false);
    }
}
