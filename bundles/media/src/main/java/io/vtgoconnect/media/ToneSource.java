package io.vtgoconnect.media;

/**
 * A continuous tone: one frequency, or the sum of several (dual tones such as DTMF or ring-back),
 * each at the same amplitude, saturating where they add beyond 16 bits. Frequencies are whole
 * hertz, so every tone repeats after exactly one second of samples: one shared table of a sine
 * over 8000 samples serves them all, with no trigonometry per sample.
 */
public final class ToneSource implements AudioSource {
    private static final int Q15 = 15;
    private static final short[] SINE = new short[MediaEngine.SAMPLE_RATE];

    static {
        for (int i = 0; i < SINE.length; i++) {
            SINE[i] = (short) Math.round(Short.MAX_VALUE * Math.sin(2 * Math.PI * i / SINE.length));
        }
    }

    private final int amplitude;
    private final int[] frequencies;
    private final int[] phases;

    /**
     * @param amplitude the peak of each tone, 0 to 32767
     * @param frequenciesHz one or more frequencies, 1 to 3999 Hz (below half the sample rate)
     */
    public ToneSource(int amplitude, int... frequenciesHz) {
        if (amplitude < 0 || amplitude > Short.MAX_VALUE) {
            throw new IllegalArgumentException("amplitude out of 0..32767: " + amplitude);
        }
        if (frequenciesHz.length == 0) {
            throw new IllegalArgumentException("no frequency");
        }
        for (int frequency : frequenciesHz) {
            if (frequency < 1 || frequency >= MediaEngine.SAMPLE_RATE / 2) {
                throw new IllegalArgumentException("frequency out of 1..3999 Hz: " + frequency);
            }
        }
        this.amplitude = amplitude;
        this.frequencies = frequenciesHz.clone();
        this.phases = new int[frequenciesHz.length];
    }

    @Override
    public void read(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            int sum = 0;
            for (int tone = 0; tone < frequencies.length; tone++) {
                sum += amplitude * SINE[phases[tone]] >> Q15;
                phases[tone] += frequencies[tone];
                if (phases[tone] >= SINE.length) {
                    phases[tone] -= SINE.length;
                }
            }
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
    }
}
