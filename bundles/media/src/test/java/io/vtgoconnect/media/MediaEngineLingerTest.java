package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An engine that keeps its threads a while after its last session: the next session finds them, and they still end. */
class MediaEngineLingerTest {
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(31400, 31499);
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final Set<Thread> threadsBefore = mediaThreads();
    private final MediaEngine engine = new MediaEngine(LINGER);

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void aSessionOpenedWithinTheLingerFindsTheThreadsAndTheyEndALingerAfterTheLastSession() throws IOException {
        engine.open(CONFIG).close();
        Set<Thread> lingering = engineThreads();
        assertFalse(lingering.isEmpty(), "the threads stay after the last session closed");

        RtpSession again = engine.open(CONFIG);
        assertEquals(lingering, engineThreads(), "the next session runs on the threads that stayed");
        long lastClosed = System.nanoTime();
        again.close();

        Await.until("the threads to end after the linger", () -> engineThreads().isEmpty());
        long ended = System.nanoTime();
        assertTrue(ended - lastClosed >= LINGER.toNanos(), "ended " + (ended - lastClosed) / 1_000_000
                + " ms after the last session, before the linger of " + LINGER.toMillis() + " ms");
        lingering.forEach(thread -> assertFalse(thread.isAlive(), thread.getName() + " still runs"));
    }

    @Test
    void closingTheEngineEndsLingeringThreadsAtOnce() throws IOException {
        engine.open(CONFIG).close();
        Set<Thread> lingering = engineThreads();
        assertFalse(lingering.isEmpty(), "the threads stay after the last session closed");

        engine.close();

        lingering.forEach(thread -> assertFalse(thread.isAlive(), thread.getName() + " runs after the engine closed"));
    }

    /** This engine's threads: the media threads alive now that were not before the test. */
    private Set<Thread> engineThreads() {
        Set<Thread> now = mediaThreads();
        now.removeAll(threadsBefore);
        return now;
    }

    private static Set<Thread> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("vtgo-media-"))
                .collect(Collectors.toSet());
    }
}
