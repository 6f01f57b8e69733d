package io.vtgoconnect.media;

/**
 * A volume in the manual's steps of 10 %, as a gain applied to 16-bit samples. 50 % is unity
 * (0 dB) and each step is 3 dB, so 100 % is +15 dB, 10 % is -12 dB, and 0 % is silence.
 * Results saturate at the 16-bit limits instead of wrapping.
 */
public record Gain(int percent) {
    private static final int UNITY_PERCENT = 50;
    private static final int STEP_PERCENT = 10;
    private static final double DECIBELS_PER_STEP = 3;
    private static final int FRACTION_BITS = 12;
    /** Factors in Q12 fixed point, one for each step from 0 % to 100 %. */
    private static final int[] FACTORS = new int[100 / STEP_PERCENT + 1];

    static {
        for (int step = 1; step < FACTORS.length; step++) {
            FACTORS[step] = (int) Math.round((1 << FRACTION_BITS) * Math.pow(10, decibels(step * STEP_PERCENT) / 20));
        }
    }

    /** 50 %: samples pass unchanged. */
    public static final Gain UNITY = new Gain(UNITY_PERCENT);

    /** @throws IllegalArgumentException unless percent is 0, 10, ... or 100 */
    public Gain {
        if (percent < 0 || percent > 100 || percent % STEP_PERCENT != 0) {
            throw new IllegalArgumentException("volume must be 0..100 in steps of 10: " + percent);
        }
    }

    /** The gain in decibels; negative infinity at 0 %. */
    public double decibels() {
        return percent == 0 ? Double.NEGATIVE_INFINITY : decibels(percent);
    }

    /** Applies the gain to the first {@code count} samples, in place. */
    public void apply(short[] samples, int count) {
        if (percent == UNITY_PERCENT) {
            return;
        }
        int factor = FACTORS[percent / STEP_PERCENT];
        for (int i = 0; i < count; i++) {
            int scaled = samples[i] * factor >> FRACTION_BITS;
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
        }
    }

    private static double decibels(int percent) {
        return (percent - UNITY_PERCENT) / (double) STEP_PERCENT * DECIBELS_PER_STEP;
    }
}
