package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GainTest {
    @Test
    void fiftyPercentIsUnityAndZeroIsSilence() {
        assertArrayEquals(new short[] {1000, -1000}, apply(Gain.UNITY, 1000, -1000));
        assertArrayEquals(new short[] {0, 0}, apply(new Gain(0), 1000, -1000));
        assertEquals(0, Gain.UNITY.decibels());
        assertEquals(Double.NEGATIVE_INFINITY, new Gain(0).decibels());
    }

    @Test
    void eachStepIsThreeDecibels() {
        assertEquals(3, new Gain(60).decibels());
        assertEquals(15, new Gain(100).decibels());
        assertEquals(-12, new Gain(10).decibels());
        // +3 dB is a factor of 1.4125, -3 dB of 0.7079 (in Q12 fixed point, truncated).
        assertArrayEquals(new short[] {1412}, apply(new Gain(60), 1000));
        assertArrayEquals(new short[] {708}, apply(new Gain(40), 1000));
    }

    @Test
    void saturatesInsteadOfWrapping() {
        assertArrayEquals(new short[] {Short.MAX_VALUE, Short.MIN_VALUE}, apply(new Gain(100), 20000, -20000));
    }

    @Test
    void acceptsOnlyStepsOfTenPercent() {
        assertThrows(IllegalArgumentException.class, () -> new Gain(55));
        assertThrows(IllegalArgumentException.class, () -> new Gain(-10));
        assertThrows(IllegalArgumentException.class, () -> new Gain(110));
    }

    private static short[] apply(Gain gain, int... samples) {
        short[] frame = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            frame[i] = (short) samples[i];
        }
        gain.apply(frame, frame.length);
        return frame;
    }
}
