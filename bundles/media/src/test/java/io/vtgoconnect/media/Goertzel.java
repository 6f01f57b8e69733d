package io.vtgoconnect.media;

/** The power of one frequency in a signal (the Goertzel algorithm), to find a tone's pitch. */
final class Goertzel {
    private Goertzel() {
    }

    static double power(short[] samples, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / MediaEngine.SAMPLE_RATE);
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
    static boolean dominates(short[] samples, double frequency, double... others) {
        double power = power(samples, frequency);
        for (double other : others) {
            if (power < 100 * power(samples, other)) {
                return false;
            }
        }
        return power > 0;
    }
}
