package io.vtgoconnect.api.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void theBurstGoesAtOnceThenOneForEachShareOfASecondAndAPauseRefillsNoMoreThanTheBurst() {
        RateLimit limit = new RateLimit(100, 5, nanos::get);
        assertEquals(5, taken(limit, 20), "the burst at once");
        nanos.addAndGet(10_000_000L);
        assertEquals(1, taken(limit, 20), "one for each hundredth of a second");
        nanos.addAndGet(35_000_000L);
        assertEquals(3, taken(limit, 20), "three and a half hundredths: three, and half a take kept");
        nanos.addAndGet(5_000_000L);
        assertEquals(1, taken(limit, 20), "the half kept and another half");
        nanos.addAndGet(60_000_000_000L);
        assertEquals(5, taken(limit, 20), "a minute's pause gives the burst, no more");
    }

    /** How many of {@code tries} takes at the same instant go. */
    private static int taken(RateLimit limit, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += limit.take() ? 1 : 0;
        }
        return taken;
    }
}
