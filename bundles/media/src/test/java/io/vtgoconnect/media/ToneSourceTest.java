package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.audio.Goertzel;
import org.junit.jupiter.api.Test;

class ToneSourceTest {
    @Test
    void playsItsFrequencyAtItsAmplitude() {
        short[] second = read(new ToneSource(8000, 1000), 50);
        assertTrue(Goertzel.dominates(second, 1000, 500, 900, 1100, 2000, 3000));
        int peak = 0;
        for (short sample : second) {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertEquals(8000, peak, 2);
    }

    @Test
    void sumsSeveralFrequencies() {
        // DTMF '1': 697 Hz and 1209 Hz.
        short[] second = read(new ToneSource(6000, 697, 1209), 50);
        assertTrue(Goertzel.dominates(second, 697, 500, 941, 1477));
        assertTrue(Goertzel.dominates(second, 1209, 500, 941, 1477));
    }

    @Test
    void refusesFrequenciesAtOrAboveHalfTheSampleRate() {
        assertThrows(IllegalArgumentException.class, () -> new ToneSource(1000, 4000));
        assertThrows(IllegalArgumentException.class, () -> new ToneSource(1000));
    }

    static short[] read(AudioSource source, int frames) {
        short[] samples = new short[frames * MediaEngine.FRAME_SAMPLES];
        short[] frame = new short[MediaEngine.FRAME_SAMPLES];
        for (int i = 0; i < frames; i++) {
            source.read(frame);
            System.arraycopy(frame, 0, samples, i * frame.length, frame.length);
        }
        return samples;
    }
}
