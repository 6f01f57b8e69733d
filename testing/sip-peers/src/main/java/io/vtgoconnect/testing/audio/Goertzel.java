package io.vtgoconnect.testing.audio;

/** The power of one frequency in a signal (the Goertzel algorithm), to find a tone's pitch. */
public final class Goertzel {
    /** Samples a second of telephone audio. */
    private static final double SAMPLE_RATE = 8000;

    private Goertzel() {
    }

    /** The power at a frequency of telephone audio (8 kHz). */
    public static double power(short[] samples, double frequency) {
        return power(samples, frequency, SAMPLE_RATE);
    }

    /** The power at a frequency of audio sampled at this rate. */
    public static double power(short[] samples, double frequency, double sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }

    /** Whether {@code frequency} carries at least 100 times the power of each of the others, in telephone audio. */
    public static boolean dominates(short[] samples, double frequency, double... others) {
        return dominatesAt(SAMPLE_RATE, samples, frequency, others);
    }

    /** Whether {@code frequency} carries at least 100 times the power of each of the others, at this sample rate. */
    public static boolean dominatesAt(double sampleRate, short[] samples, double frequency, double... others) {
        double power = power(samples, frequency, sampleRate);
        for (double other : others) {
            if (power < 100 * power(samples, other, sampleRate)) {
                return false;
            }
        }
        return power > 0;
    }
}
