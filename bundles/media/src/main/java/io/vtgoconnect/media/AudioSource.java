package io.vtgoconnect.media;

import java.util.Arrays;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Audio to send: a session reads one frame every 20 ms. Called on an engine clock thread that
 * ticks many sessions, so it must return at once: no blocking, no I/O.
 */
@ConsumerType
@FunctionalInterface
public interface AudioSource {
    /** Fills the whole frame (16-bit PCM at 8 kHz, {@link MediaEngine#FRAME_SAMPLES} samples). */
    void read(short[] frame);

    /** A source of silence. */
    static AudioSource silence() {
        return frame -> Arrays.fill(frame, (short) 0);
    }
}
