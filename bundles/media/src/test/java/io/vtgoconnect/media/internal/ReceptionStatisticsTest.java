package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.MediaEngine;
import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {
    private static final long MILLI = 1_000_000;

    private final ReceptionStatistics statistics = new ReceptionStatistics(MediaEngine.SAMPLE_RATE);

    @Test
    void countsLossAcrossTheSequenceWrapAround() {
        // 65533 .. 65535, 0 .. 5 with 65535 and 2 missing: 9 expected, 7 received.
        for (int sequence : new int[] {65533, 65534, 0, 1, 3, 4, 5}) {
            assertTrue(statistics.update(sequence, 0, 0, false));
        }
        assertEquals(65536 + 5, statistics.extendedHighestSequence());
        assertEquals(9, statistics.expected());
        assertEquals(7, statistics.received());
        assertEquals(2, statistics.cumulativeLost());
        // RFC 3550 A.3: 2 lost of 9 expected is 2 * 256 / 9 = 56 in 1/256.
        assertEquals(56, statistics.nextFractionLost());
        statistics.update(6, 0, 0, false);
        assertEquals(0, statistics.nextFractionLost());
    }

    @Test
    void reorderedPacketsAreNotLostAndDuplicatesMakeLossNegative() {
        for (int sequence : new int[] {10, 12, 11, 13, 13}) {
            statistics.update(sequence, 0, 0, false);
        }
        assertEquals(13, statistics.extendedHighestSequence());
        assertEquals(-1, statistics.cumulativeLost());
    }

    @Test
    void computesInterarrivalJitterAsAppendixA8() {
        // Sent every 20 ms (160 samples); the third packet arrives 10 ms (80 samples) late.
        long[] arrivalMillis = {0, 20, 50, 60, 80};
        for (int i = 0; i < arrivalMillis.length; i++) {
            statistics.update(i, 1000 + 160L * i, arrivalMillis[i] * MILLI, true);
        }
        // D = 0, 80, 80, 0: J = 0, 5, 5 + (80 - 5) / 16 = 9.6875, 9.6875 * 15 / 16 = 9.08203125 samples.
        assertEquals(9.08203125, statistics.jitter(), 1e-9);
    }

    @Test
    void countsJitterInTheStreamsOwnClock() {
        // Opus: a 48 kHz clock, 960 units a 20 ms frame; the third packet comes 16 ms late.
        ReceptionStatistics opus = new ReceptionStatistics(48000);
        opus.update(1, 0, 0, true);
        opus.update(2, 960, 20 * MILLI, true);
        opus.update(3, 1920, 56 * MILLI, true);
        // |D| = 16 ms = 768 units; J = 768 / 16.
        assertEquals(48, opus.jitter(), 0.001);
    }

    @Test
    void jitterFollowsTimestampsAcrossTheirWrapAround() {
        statistics.update(1, 0xFFFFFF60L, 0, true);
        statistics.update(2, 0x00000000L, 20 * MILLI, true);
        statistics.update(3, 0x000000A0L, 45 * MILLI, true);
        // D = 0, then |200 - 160| = 40 samples: J = 40 / 16 = 2.5.
        assertEquals(2.5, statistics.jitter(), 1e-9);
    }

    @Test
    void telephoneEventsDoNotFeedTheJitter() {
        statistics.update(1, 160, 0, true);
        statistics.update(2, 160, 37 * MILLI, false);
        statistics.update(3, 480, 40 * MILLI, true);
        assertEquals(0, statistics.jitter(), 1e-9);
    }

    @Test
    void dropsAStrayPacketAndRestartsWhenTheSenderReallyJumped() {
        statistics.update(100, 0, 0, false);
        assertFalse(statistics.update(30000, 0, 0, false));
        assertEquals(1, statistics.received());
        assertTrue(statistics.update(30001, 0, 0, false));
        assertEquals(1, statistics.expected());
        assertEquals(30001, statistics.extendedHighestSequence());
    }
}
