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

    @Test
    void playsWidebandTonesAtSixteenKilohertz() {
        ToneSource tone = ToneSource.at(MediaEngine.WIDEBAND_SAMPLE_RATE, 8000, 6000);
        assertEquals(16000, tone.sampleRate());
        short[] second = read(tone, 50);
        assertEquals(16000, second.length);
        assertTrue(Goertzel.dominatesAt(16000, second, 6000, 2000, 5000, 7000, 7900));
        assertThrows(IllegalArgumentException.class, () -> ToneSource.at(16000, 1000, 8000));
        assertThrows(IllegalArgumentException.class, () -> ToneSource.at(44100, 1000, 440));
    }

    /** {@code frames} frames of 20 ms at the source's rate. */
    static short[] read(AudioSource source, int frames) {
        int frameSamples = MediaEngine.frameSamples(source.sampleRate());
        short[] samples = new short[frames * frameSamples];
        short[] frame = new short[frameSamples];
        for (int i = 0; i < frames; i++) {
            source.read(frame);
            System.arraycopy(frame, 0, samples, i * frame.length, frame.length);
        }
        return samples;
    }
}
