package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.config.ConfigAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverloadTest {
    private final TestLogs logs = new TestLogs();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger freePairs = new AtomicInteger(100);
    private final AtomicLong nanos = new AtomicLong();
    private final Overload overload = new Overload(ConfigAnnotations.of(ServerSettings.class,
            Map.of("overload_queue", 10, "overload_rtp_pairs", 5)), queued::get, freePairs::get,
            logs.factory().getLogger(Overload.class), nanos::get);

    @Test
    void newCallsAreRefusedWhileTheQueueOrThePortsAreAtTheirLimitAndTheFirstRefusalIsLogged() {
        assertEquals(Optional.empty(), overload.refusal());
        queued.set(10);
        assertEquals(Optional.of("10 SIP events waiting, overload.queue is 10"), overload.refusal());
        overload.refusal();
        queued.set(5);
        freePairs.set(4);
        assertEquals(Optional.of("4 RTP port pairs free, overload.rtp.pairs is 5"), overload.refusal());
        freePairs.set(5);
        assertEquals(Optional.empty(), overload.refusal());
        assertEquals(3, overload.refused());
        // Once, as the refusals begin (how many were refused is said at INFO as they end).
        assertEquals(List.of("WARN Overloaded (10 SIP events waiting, overload.queue is 10): new calls get 503 with "
                + "Retry-After until it eases; calls in progress go on"), logs.lines());
    }

    @Test
    void pastHalfTheQueueAShareOfNewCallsThatGrowsWithTheQueueIsRefusedAndACallAlreadyLetThroughOnlyAtTheLimit() {
        queued.set(8);
        assertEquals(6, refusedOf(overload, 10), "at 8 of 10 waiting: three fifths of the way from half to the limit");
        queued.set(6);
        assertEquals(2, refusedOf(overload, 10), "at 6 of 10");
        queued.set(9);
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), overload.refusalAtLimit(), "a call already let through as it was read");
        }
        queued.set(10);
        assertEquals(Optional.of("10 SIP events waiting, overload.queue is 10"), overload.refusalAtLimit());
    }

    @Test
    void theOverloadIsLoggedAsItBeginsAndNotAgainUntilCallsWereAdmittedForASecondAfterTheLastRefusal() {
        queued.set(7);
        assertEquals(8, refusedOf(overload, 20), "at 7 of 10 waiting, refused and admitted by turns");
        nanos.addAndGet(999_000_000L);
        queued.set(0);
        overload.refusal();
        queued.set(10);
        overload.refusal();
        String began = "WARN Overloaded (7 SIP events waiting, past half of overload.queue (10): a share of new calls is "
                + "refused): new calls get 503 with Retry-After until it eases; calls in progress go on";
        assertEquals(List.of(began), logs.lines(), "one overload, not yet a second calm");
        nanos.addAndGet(1_000_000_000L);
        queued.set(0);
        overload.refusal();
        queued.set(10);
        overload.refusal();
        assertEquals(List.of(began, "WARN Overloaded (10 SIP events waiting, overload.queue is 10): new calls get 503 with "
                + "Retry-After until it eases; calls in progress go on"), logs.lines(), "a second overload after a calm second");
    }

    @Test
    void pastOverloadCallsPerSecondNewCallsAreRefusedAndNeitherACallLetThroughNorOneRefusedForAnotherLimitIsCounted() {
        Overload limited = new Overload(ConfigAnnotations.of(ServerSettings.class,
                Map.of("overload_queue", 10, "overload_calls_per_second", 100)), queued::get, freePairs::get,
                logs.factory().getLogger(Overload.class), nanos::get);
        assertEquals(40, refusedOf(limited, 50), "a tenth of a second's calls at once");
        nanos.addAndGet(100_000_000L);
        assertEquals(40, refusedOf(limited, 50), "then a hundred a second");
        assertEquals(Optional.empty(), limited.refusalAtLimit(), "a call already counted as its datagram was read");
        assertEquals(Optional.of("more than 100 new calls a second, overload.calls.per.second is 100"), limited.refusal());
        nanos.addAndGet(100_000_000L);
        queued.set(10);
        assertEquals(50, refusedOf(limited, 50), "refused for the queue");
        queued.set(0);
        assertEquals(40, refusedOf(limited, 50), "the tenth of a second's calls still to come");
    }

    /** How many of {@code calls} new calls are refused. */
    private static int refusedOf(Overload overload, int calls) {
        int refused = 0;
        for (int i = 0; i < calls; i++) {
            refused += overload.refusal().isPresent() ? 1 : 0;
        }
        return refused;
    }

    @Test
    void newCallsAreRefusedWhileTheHeapHoldsItsLimitAfterAFullCollection() {
        System.gc();
        assertEquals(Optional.empty(), heapLimited(100).refusal());
        Optional<String> refusal = heapLimited(0).refusal();
        assertTrue(refusal.isPresent() && refusal.get().matches("calls hold \\d+ % of the heap, overload.heap.percent is 0"),
                refusal.toString());
    }

    /** Overload control with room in the queue and the ports, and the heap limit at percent. */
    private Overload heapLimited(int percent) {
        return new Overload(ConfigAnnotations.of(ServerSettings.class, Map.of("overload_heap_percent", percent)),
                () -> 0, () -> 100, logs.factory().getLogger(Overload.class));
    }
}
