package io.vtgoconnect.media;

import java.util.Arrays;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Audio to send: a session reads one frame every 20 ms. Called on an engine clock thread that
 * ticks many sessions, so it must return at once: no blocking, no I/O. A source at another rate
 * than its session's codec is resampled by the session.
 */
@ConsumerType
@FunctionalInterface
public interface AudioSource extends AudioRate {
    /** Fills the whole frame: 20 ms of 16-bit PCM at its {@link #sampleRate()} (160 samples at 8 kHz, 320 at 16 kHz). */
    void read(short[] frame);

    /** A source of silence, at 8 kHz. */
    static AudioSource silence() {
        return silence(MediaEngine.SAMPLE_RATE);
    }

    /** A source of silence at this rate. */
    static AudioSource silence(int sampleRate) {
        MediaEngine.frameSamples(sampleRate);
        return new AudioSource() {
            @Override
            public void read(short[] frame) {
                Arrays.fill(frame, (short) 0);
            }

            @Override
            public int sampleRate() {
                return sampleRate;
            }
        };
    }
}
