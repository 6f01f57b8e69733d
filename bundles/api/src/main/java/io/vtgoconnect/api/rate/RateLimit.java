package io.vtgoconnect.api.rate;

import java.util.function.LongSupplier;

/** A token bucket: {@code perSecond} takes a second on average, {@code burst} at once after a pause. */
public final class RateLimit {
    /** One take, in the billionths the bucket counts in: it gains perSecond of them a nanosecond, in whole numbers. */
    private static final long TAKE = 1_000_000_000L;
    private final long perSecond;
    private final long full;
    private final LongSupplier nanoClock;
    /** Billionths of a take in the bucket. */
    private long held;
    private long last;

    public RateLimit(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** @param nanoClock System.nanoTime, or a test's clock */
    public RateLimit(int perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = Math.max(1, perSecond);
        this.full = Math.max(1, burst) * TAKE;
        this.nanoClock = nanoClock;
        this.held = full;
        this.last = nanoClock.getAsLong();
    }

    /** Whether one more may go now. */
    public synchronized boolean take() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last;
        last = now;
        // Full once the time to fill it has passed, which also keeps the product below from overflowing.
        held = elapsed > (full - held) / perSecond ? full : held + elapsed * perSecond;
        if (held < TAKE) {
            return false;
        }
        held -= TAKE;
        return true;
    }
}
