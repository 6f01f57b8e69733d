package io.vtgoconnect.transport.sip.bench;

/** What both SIP benchmarks share: percentiles in milliseconds. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1))];
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
