package io.vtgoconnect.remote.internal;

/** A token bucket: {@code perSecond} requests a second on average, {@code burst} at once after a pause. */
final class RateLimit {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    RateLimit(int perSecond, int burst) {
        this.perNano = Math.max(1, perSecond) / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
    }

    /** Whether one more request may run now. */
    synchronized boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
