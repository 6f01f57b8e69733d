package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.api.event.AudioLevelUpdate;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.api.transport.SoftphoneListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Records what the phone reports and lets a test wait for an event, with a timeout. */
public final class RecordingListener implements SoftphoneListener {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final List<VtgoEvent> events = new ArrayList<>();
    private final List<AudioLevelUpdate> levels = new ArrayList<>();
    private List<LineConfig> lines = List.of();
    private List<SpeedDialUpdate> speedDials = List.of();
    /** Events before this index were already waited for. */
    private int consumed;

    @Override
    public synchronized void configured(List<LineConfig> lines, List<SpeedDialUpdate> speedDials) {
        this.lines = List.copyOf(lines);
        this.speedDials = List.copyOf(speedDials);
    }

    @Override
    public synchronized void report(VtgoEvent event) {
        // Readings of the meter, not events of the manual: kept apart, so that the manual's sequences stay as they are.
        if (event instanceof AudioLevelUpdate reading) {
            levels.add(reading);
        } else {
            events.add(event);
        }
        notifyAll();
    }

    /** How many audio level readings came so far. */
    public synchronized int levelCount() {
        return levels.size();
    }

    /** The first audio level reading of those so far or to come that matches. */
    public AudioLevelUpdate awaitLevel(Predicate<AudioLevelUpdate> matching) {
        return awaitLevel(matching, TIMEOUT);
    }

    /** The first audio level reading of those so far or to come that matches, waiting at most the timeout. */
    public AudioLevelUpdate awaitLevel(Predicate<AudioLevelUpdate> matching, Duration timeout) {
        return waitFor(AudioLevelUpdate.class, timeout, () -> levels.stream().filter(matching).findFirst());
    }

    public synchronized List<LineConfig> lines() {
        return lines;
    }

    public synchronized List<SpeedDialUpdate> speedDials() {
        return speedDials;
    }

    public synchronized List<String> lines(int from) {
        return events(from).stream().map(EventFormatter::format).toList();
    }

    /** The events reported from the index on, as they came. */
    public synchronized List<VtgoEvent> events(int from) {
        return List.copyOf(events.subList(from, events.size()));
    }

    public synchronized int size() {
        return events.size();
    }

    /** Waits for the next event (after those already waited for) of the type that matches. */
    public <E extends VtgoEvent> E await(Class<E> type, Predicate<E> matching) {
        return await(type, matching, TIMEOUT);
    }

    public <E extends VtgoEvent> E await(Class<E> type, Predicate<E> matching, Duration timeout) {
        return waitFor(type, timeout, () -> {
            for (int i = consumed; i < events.size(); i++) {
                VtgoEvent event = events.get(i);
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    consumed = i + 1;
                    return Optional.of(type.cast(event));
                }
            }
            return Optional.empty();
        });
    }

    /** Waits until an event of the type that matches was reported at any time, in whatever order; waits already made are untouched. */
    public <E extends VtgoEvent> E awaitSeen(Class<E> type, Predicate<E> matching) {
        return waitFor(type, TIMEOUT, () -> events.stream().filter(type::isInstance).map(type::cast).filter(matching).findFirst());
    }

    private synchronized <E extends VtgoEvent> E waitFor(Class<E> type, Duration timeout, Supplier<Optional<E>> find) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<E> found = find.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("No " + type.getSimpleName() + " as expected within " + timeout.toSeconds() + " s; reported: "
                        + events.stream().map(EventFormatter::format).toList());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted");
            }
        }
    }

    public <E extends VtgoEvent> E await(Class<E> type) {
        return await(type, event -> true);
    }
}
