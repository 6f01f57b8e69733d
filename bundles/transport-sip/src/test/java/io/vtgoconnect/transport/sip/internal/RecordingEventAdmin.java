package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.api.event.EventProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin that keeps the text of every posted event, as the shell's console would print it. */
final class RecordingEventAdmin implements EventAdmin {
    private final List<String> printed = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        printed.add((String) event.getProperty(EventProperties.TEXT));
        notifyAll();
    }

    @Override
    public void sendEvent(Event event) {
        postEvent(event);
    }

    synchronized List<String> printed() {
        return List.copyOf(printed);
    }

    /** Waits for a printed line that matches, posted at or after index {@code from}; returns its index. */
    synchronized int await(int from, Predicate<String> matching) {
        long deadline = System.nanoTime() + RecordingListener.TIMEOUT.toNanos();
        while (true) {
            for (int i = from; i < printed.size(); i++) {
                if (matching.test(printed.get(i))) {
                    return i;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("Nothing printed that matches within " + RecordingListener.TIMEOUT.toSeconds() + " s: " + printed);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted");
            }
        }
    }
}
