package io.vtgoconnect.testing.peers;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The events linphone-daemon printed, kept so that a test can wait for one, with a timeout. */
final class DaemonEvents {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final List<DaemonMessage> events = new ArrayList<>();
    /** Events already waited for: each matches one wait only, so a state reached twice is waited for twice. */
    private final Set<DaemonMessage> taken = Collections.newSetFromMap(new IdentityHashMap<>());

    synchronized void add(DaemonMessage event) {
        events.add(event);
        notifyAll();
    }

    /** Waits for the first event not yet waited for that matches, and takes it. */
    synchronized DaemonMessage await(String what, Predicate<DaemonMessage> matching) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (DaemonMessage event : events) {
                if (!taken.contains(event) && matching.test(event)) {
                    taken.add(event);
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("No " + what + " within " + TIMEOUT.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("Interrupted");
            }
        }
    }
}
