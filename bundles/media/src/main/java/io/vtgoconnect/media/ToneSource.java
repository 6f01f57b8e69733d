package io.vtgoconnect.media;

/**
 * A continuous tone at 8 or 16 kHz: one frequency, or the sum of several (dual tones such as DTMF
 * or ring-back), each at the same amplitude, saturating where they add beyond 16 bits.
 * Frequencies are whole hertz, so every tone repeats after exactly one second of samples: one
 * shared table of a sine over 16000 samples serves them all, with no trigonometry per sample
 * (at 8 kHz every other entry).
 */
public final class ToneSource implements AudioSource {
    private static final int Q15 = 15;
    private static final short[] SINE = new short[MediaEngine.WIDEBAND_SAMPLE_RATE];

    static {
        for (int i = 0; i < SINE.length; i++) {
            SINE[i] = (short) Math.round(Short.MAX_VALUE * Math.sin(2 * Math.PI * i / SINE.length));
        }
    }

    private final int sampleRate;
    private final int amplitude;
    private final int[] steps;
    private final int[] phases;

    /**
     * A tone at 8 kHz.
     *
     * @param amplitude the peak of each tone, 0 to 32767
     * @param frequenciesHz one or more frequencies, 1 to 3999 Hz (below half the sample rate)
     */
    public ToneSource(int amplitude, int... frequenciesHz) {
        this(MediaEngine.SAMPLE_RATE, amplitude, frequenciesHz);
    }

    /**
     * A tone at a sample rate of the engine.
     *
     * @param sampleRate 8000 or 16000
     * @param amplitude the peak of each tone, 0 to 32767
     * @param frequenciesHz one or more frequencies, from 1 Hz to below half the sample rate
     */
    public static ToneSource at(int sampleRate, int amplitude, int... frequenciesHz) {
        return new ToneSource(sampleRate, amplitude, frequenciesHz);
    }

    private ToneSource(int sampleRate, int amplitude, int[] frequenciesHz) {
        MediaEngine.frameSamples(sampleRate);
        if (amplitude < 0 || amplitude > Short.MAX_VALUE) {
            throw new IllegalArgumentException("amplitude out of 0..32767: " + amplitude);
        }
        if (frequenciesHz.length == 0) {
            throw new IllegalArgumentException("no frequency");
        }
        for (int frequency : frequenciesHz) {
            if (frequency < 1 || frequency >= sampleRate / 2) {
                throw new IllegalArgumentException("frequency out of 1.." + (sampleRate / 2 - 1) + " Hz: " + frequency);
            }
        }
        this.sampleRate = sampleRate;
        this.amplitude = amplitude;
        this.steps = new int[frequenciesHz.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = frequenciesHz[i] * (SINE.length / sampleRate);
        }
        this.phases = new int[frequenciesHz.length];
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void read(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            int sum = 0;
            for (int tone = 0; tone < steps.length; tone++) {
                sum += amplitude * SINE[phases[tone]] >> Q15;
                phases[tone] += steps[tone];
                if (phases[tone] >= SINE.length) {
                    phases[tone] -= SINE.length;
                }
            }
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
    }
}
