package io.vtgoconnect.testing.audio;

/** The power of one frequency in a signal (the Goertzel algorithm), to find a tone's pitch. */
public final class Goertzel {
    /** Samples a second of telephone audio. */
    private static final double SAMPLE_RATE = 8000;

    private Goertzel() {
    }

    public static double power(short[] samples, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }

    /** Whether {@code frequency} carries at least 100 times the power of each of the others. */
    public static boolean dominates(short[] samples, double frequency, double... others) {
        double power = power(samples, frequency);
        for (double other : others) {
            if (power < 100 * power(samples, other)) {
                return false;
            }
        }
        return power > 0;
    }
}
