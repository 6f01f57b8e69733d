package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.G711Codec;
import org.junit.jupiter.api.Test;

class EModelTest {
    @Test
    void perfectG711ScoresFourPointFour() {
        // R = 93.2: MOS = 1 + 3.262 + 7e-6 * 93.2 * 33.2 * 6.8 = 4.409.
        assertEquals(4.409, EModel.mos(G711Codec.PCMU, 0, 0), 0.001);
    }

    @Test
    void lossImpairsAsG113AppendixI() {
        // Ie,eff = 95 * 5 / (5 + 4.3) = 51.075, R = 42.125: MOS = 1 + 1.474 - 0.305 = 2.169.
        assertEquals(2.169, EModel.mos(G711Codec.PCMU, 5, 0), 0.001);
    }

    @Test
    void delayImpairsMoreBeyond177Milliseconds() {
        // Id = 0.024 * 100 = 2.4, R = 90.8: MOS = 1 + 3.178 + 0.180 = 4.358.
        assertEquals(4.358, EModel.mos(G711Codec.PCMU, 0, 100), 0.001);
        // Id = 0.024 * 300 + 0.11 * 122.7 = 20.697, R = 72.503: MOS = 1 + 2.538 + 0.174 = 3.712.
        assertEquals(3.712, EModel.mos(G711Codec.PCMU, 0, 300), 0.001);
    }

    @Test
    void staysBetweenOneAndFourPointFive() {
        assertEquals(1, EModel.mos(G711Codec.PCMU, 100, 2000));
        assertTrue(EModel.mos(G711Codec.PCMU, -3, -10) <= 4.5);
    }
}
