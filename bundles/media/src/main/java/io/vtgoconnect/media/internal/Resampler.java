package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.MediaEngine;

/**
 * Converts one stream of 20 ms frames between 8 and 16 kHz with a half-band low-pass filter
 * (23 taps, Blackman window): every other tap is zero, so each output sample costs six
 * multiplications by pairs. Upsampling keeps the original samples and filters the ones between;
 * downsampling filters out what lies above 4 kHz before dropping every other sample. The filter
 * delays the audio by under a millisecond. Keeps the stream's history from
 * frame to frame: one instance per stream, not thread-safe.
 */
public final class Resampler {
    private static final int HALF_TAPS = 6;
    /** Taps at odd distances 1, 3, 5, ... from the centre, summing to a half (the centre tap is the other half). */
    private static final double[] TAPS = new double[HALF_TAPS];

    static {
        double sum = 0;
        int halfLength = 2 * HALF_TAPS;
        for (int k = 0; k < HALF_TAPS; k++) {
            int distance = 2 * k + 1;
            double sinc = Math.sin(Math.PI * distance / 2) / (Math.PI * distance);
            double x = Math.PI * distance / halfLength;
            double window = 0.42 + 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
            TAPS[k] = sinc * window;
            sum += 2 * TAPS[k];
        }
        for (int k = 0; k < HALF_TAPS; k++) {
            TAPS[k] *= 0.5 / sum;
        }
    }

    private final boolean up;
    private final int inSamples;
    private final int outSamples;
    /** The input: {@code 2 * HALF_TAPS} samples of history, then the frame. */
    private final double[] history;

    private Resampler(int fromRate, int toRate) {
        this.up = toRate > fromRate;
        this.inSamples = MediaEngine.frameSamples(fromRate);
        this.outSamples = MediaEngine.frameSamples(toRate);
        this.history = new double[(up ? 2 * HALF_TAPS : 4 * HALF_TAPS) + inSamples];
    }

    /**
     * A resampler between two rates of the engine, or null when they are equal.
     *
     * @throws IllegalArgumentException when a rate is not 8000 or 16000
     */
    public static Resampler between(int fromRate, int toRate) {
        MediaEngine.frameSamples(fromRate);
        MediaEngine.frameSamples(toRate);
        return fromRate == toRate ? null : new Resampler(fromRate, toRate);
    }

    /** Samples of a frame in. */
    public int inputSamples() {
        return inSamples;
    }

    /** Samples of a frame out. */
    public int outputSamples() {
        return outSamples;
    }

    /** Converts one frame of {@link #inputSamples()} into {@link #outputSamples()} samples of {@code out}. */
    public void convert(short[] in, short[] out) {
        int keep = history.length - inSamples;
        System.arraycopy(history, inSamples, history, 0, keep);
        for (int i = 0; i < inSamples; i++) {
            history[keep + i] = in[i];
        }
        if (up) {
            upsample(out);
        } else {
            downsample(out);
        }
    }

    private void upsample(short[] out) {
        // Input n sits at output 2n; the sample between n and n+1 is filtered from the 2*HALF_TAPS around it.
        for (int n = 0; n < inSamples; n++) {
            int centre = n + HALF_TAPS - 1;
            double between = 0;
            for (int k = 0; k < HALF_TAPS; k++) {
                between += TAPS[k] * (history[centre - k] + history[centre + 1 + k]);
            }
            out[2 * n] = (short) history[centre];
            out[2 * n + 1] = clip(2 * between);
        }
    }

    private void downsample(short[] out) {
        for (int m = 0; m < outSamples; m++) {
            int centre = 2 * m + 2 * HALF_TAPS;
            double sum = 0.5 * history[centre];
            for (int k = 0; k < HALF_TAPS; k++) {
                int distance = 2 * k + 1;
                sum += TAPS[k] * (history[centre - distance] + history[centre + distance]);
            }
            out[m] = clip(sum);
        }
    }

    private static short clip(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}
