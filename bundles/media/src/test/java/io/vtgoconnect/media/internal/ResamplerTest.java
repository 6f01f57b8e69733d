package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.audio.Goertzel;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void upsamplingKeepsATelephoneToneAndAddsNoImageAboveFourKilohertz() {
        short[] out = convert(Resampler.between(8000, 16000), tone(1000, 8000, 50), 320);
        assertEquals(16000, out.length);
        // An image of 1 kHz would appear at 7 kHz.
        assertTrue(Goertzel.dominatesAt(16000, out, 1000, 3000, 5000, 7000));
        assertTrue(Goertzel.power(out, 1000, 16000) > 1000 * Goertzel.power(out, 7000, 16000));
    }

    @Test
    void downsamplingKeepsWhatFitsAndFiltersWhatWouldFold() {
        Resampler down = Resampler.between(16000, 8000);
        short[] speech = convert(down, tone(1000, 16000, 50), 160);
        assertEquals(8000, speech.length);
        assertTrue(Goertzel.dominates(speech, 1000, 500, 2000, 3000));
        // 6 kHz would fold to 2 kHz: the filter takes it out instead (by more than 30 dB).
        short[] high = convert(Resampler.between(16000, 8000), tone(6000, 16000, 50), 160);
        assertTrue(Goertzel.power(high, 2000) * 1000 < Goertzel.power(tone(6000, 16000, 50), 6000, 16000),
                "6 kHz left over: " + Goertzel.power(high, 2000));
    }

    @Test
    void nothingToDoBetweenEqualRatesAndNoOtherRates() {
        assertNull(Resampler.between(8000, 8000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.between(44100, 8000));
    }

    private static short[] tone(int frequency, int rate, int frames) {
        short[] tone = new short[rate / 50 * frames];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (10000 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return tone;
    }

    private static short[] convert(Resampler resampler, short[] in, int outFrame) {
        int inFrame = resampler.inputSamples();
        short[] out = new short[in.length / inFrame * outFrame];
        short[] frameIn = new short[inFrame];
        short[] frameOut = new short[outFrame];
        for (int i = 0; i < in.length / inFrame; i++) {
            System.arraycopy(in, i * inFrame, frameIn, 0, inFrame);
            resampler.convert(frameIn, frameOut);
            System.arraycopy(frameOut, 0, out, i * outFrame, outFrame);
        }
        return out;
    }
}
