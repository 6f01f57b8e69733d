package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AudioLevelTest {
    private static short[] sine(double amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        return pcm;
    }

    @Test
    void aFullScaleSineReadsAboutMinusThreeDbfs() {
        short[] pcm = sine(Short.MAX_VALUE, 160);
        assertEquals(-3.01, AudioLevel.dbfs(pcm, pcm.length), 0.05);
    }

    @Test
    void aSineTwentyDecibelsDownReadsTwentyDecibelsLower() {
        short[] pcm = sine(Short.MAX_VALUE / 10.0, 160);
        assertEquals(-23.01, AudioLevel.dbfs(pcm, pcm.length), 0.05);
    }

    @Test
    void silenceReadsTheFloor() {
        assertEquals(AudioLevel.FLOOR, AudioLevel.dbfs(new short[160], 160));
        assertEquals(AudioLevel.FLOOR, AudioLevel.dbfs(0, 0));
    }

    @Test
    void framesAddUpToTheLevelOfThemAll() {
        short[] loud = sine(Short.MAX_VALUE, 160);
        short[] quiet = new short[160];
        long squares = AudioLevel.squares(loud, 160) + AudioLevel.squares(quiet, 160);
        // Half the energy of the loud frame alone: 3 dB lower.
        assertEquals(-6.02, AudioLevel.dbfs(squares, 320), 0.05);
    }

    @Test
    void theQuietestStepReadsAboveTheFloor() {
        short[] pcm = {1, -1, 1, -1};
        assertEquals(-90.3, AudioLevel.dbfs(pcm, pcm.length), 0.1);
    }
}
