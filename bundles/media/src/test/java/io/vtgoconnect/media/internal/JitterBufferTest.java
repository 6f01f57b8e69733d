package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final int FRAME = 160;
    private static final int NOTHING = -1;

    private final JitterBuffer buffer = new JitterBuffer(FRAME, 2, 50, 4);

    @Test
    void playsFramesInSequenceOrderAfterTheDelay() {
        for (int sequence : new int[] {3, 1, 2, 5, 4}) {
            offer(sequence, sequence * FRAME);
        }
        assertEquals(List.of(NOTHING, 1, 2, 3, 4, 5, NOTHING), poll(7));
    }

    @Test
    void discardsAFrameThatArrivesAfterItsPlayOutTime() {
        for (int sequence : new int[] {1, 2, 3, 5}) {
            offer(sequence, sequence * FRAME);
        }
        assertEquals(List.of(NOTHING, 1, 2, 3, NOTHING), poll(5));
        offer(4, 4 * FRAME);
        assertEquals(1, buffer.discarded());
        assertEquals(List.of(5, NOTHING), poll(2));
    }

    @Test
    void keepsAReorderedFrameThatIsStillInTime() {
        offer(1, FRAME);
        offer(3, 3 * FRAME);
        assertEquals(List.of(NOTHING, 1), poll(2));
        offer(2, 2 * FRAME);
        assertEquals(List.of(2, 3), poll(2));
        assertEquals(0, buffer.discarded());
    }

    @Test
    void ignoresDuplicates() {
        offer(1, FRAME);
        offer(1, FRAME);
        assertEquals(List.of(NOTHING, 1, NOTHING), poll(3));
        assertEquals(0, buffer.discarded());
    }

    @Test
    void followsSequenceNumbersAndTimestampsAcrossTheirWrapAround() {
        offer(0, 0);
        offer(65535, 0xFFFFFF60L);
        offer(1, FRAME);
        offer(65534, 0xFFFFFEC0L);
        assertEquals(List.of(NOTHING, 65534 & 0xFF, 65535 & 0xFF, 0, 1, NOTHING), poll(6));
    }

    @Test
    void playsNothingForTheTimeOfTelephoneEventsThenResumesOnTime() {
        // Sequence numbers 2 to 8 carried telephone events, which are not audio.
        offer(1, FRAME);
        offer(9, 9 * FRAME);
        offer(10, 10 * FRAME);
        List<Integer> played = poll(12);
        assertEquals(List.of(NOTHING, 1, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING, 9, 10, NOTHING),
                played);
    }

    @Test
    void startsOverWhenTheStreamJumpsBeyondItsCapacity() {
        offer(1, FRAME);
        offer(2, 2 * FRAME);
        assertEquals(List.of(NOTHING, 1), poll(2));
        offer(5000, 5000 * FRAME);
        assertEquals(List.of(NOTHING, 5000 & 0xFF, NOTHING), poll(3));
    }

    @Test
    void startsOverWhenTheTimestampsJumpBack() {
        offer(1, 100_000 + FRAME);
        offer(2, 100_000 + 2 * FRAME);
        assertEquals(List.of(NOTHING, 1, 2), poll(3));
        offer(3, 3 * FRAME);
        offer(4, 4 * FRAME);
        assertEquals(List.of(NOTHING, 3, 4), poll(3));
        assertEquals(0, buffer.discarded());
    }

    @Test
    void aSenderWhoseClockFellBehindIsHeardAgainAfterAFewLateFrames() {
        // In step with the sender: each frame arrives, then one is played.
        List<Integer> played = new ArrayList<>();
        for (int sequence = 1; sequence <= 10; sequence++) {
            offer(sequence, sequence * FRAME);
            played.addAll(poll(1));
        }
        assertEquals(List.of(NOTHING, 1, 2, 3, 4, 5, 6, 7, 8, 9), played);
        // The sender stalls for 6 frames and goes on where it stopped, 6 frames behind our play-out from then on.
        poll(6);
        played.clear();
        for (int sequence = 11; sequence <= 30; sequence++) {
            offer(sequence, sequence * FRAME);
            played.addAll(poll(1));
        }
        int late = JitterBuffer.LATE_FRAMES_TO_START_OVER - 1;
        assertEquals(late, buffer.discarded());
        // The frame that found the stream late for good starts it over: after the delay, each frame is played in turn.
        int first = 11 + late;
        List<Integer> expected = new ArrayList<>(Collections.nCopies(late + 1, NOTHING));
        for (int sequence = first; sequence < 30; sequence++) {
            expected.add(sequence);
        }
        assertEquals(expected, played);
    }

    @Test
    void aBurstOfLateFramesShorterThanTheRestartLeavesThePlayOutWhereItWas() {
        for (int sequence = 1; sequence <= 5; sequence++) {
            offer(sequence, sequence * FRAME);
        }
        // Frames 6 to 8 come only after their time, then the stream is on time again.
        assertEquals(List.of(NOTHING, 1, 2, 3, 4, 5, NOTHING, NOTHING, NOTHING), poll(9));
        for (int sequence = 6; sequence <= 10; sequence++) {
            offer(sequence, sequence * FRAME);
        }
        assertEquals(List.of(9, 10, NOTHING), poll(3));
        assertEquals(3, buffer.discarded());
    }

    @Test
    void aSkippedFrameLeavesTheBufferUnreadAndALateOneIsStillCounted() {
        for (int sequence : new int[] {1, 2, 3, 5}) {
            offer(sequence, sequence * FRAME);
        }
        buffer.skip();
        buffer.skip();
        assertEquals(List.of(2, 3, NOTHING), poll(3));
        offer(4, 4 * FRAME);
        buffer.skip();
        assertEquals(1, buffer.discarded());
        assertEquals(List.of(NOTHING), poll(1));
    }

    @Test
    void aBufferThatIsNeverOfferedAFrameHoldsNoSlots() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int buffers = 1000;
        List<JitterBuffer> relaying = new ArrayList<>(buffers);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < buffers; i++) {
            JitterBuffer unused = new JitterBuffer(FRAME, 3, 50, 480);
            unused.skip();
            unused.reset();
            relaying.add(unused);
        }
        long perBuffer = (threads.getCurrentThreadAllocatedBytes() - before) / buffers;
        // The buffer alone; its 50 slots took 1.3 KB more.
        assertTrue(perBuffer < 200, perBuffer + " bytes a buffer");
        assertEquals(buffers, relaying.size());
    }

    private void offer(int sequence, long timestamp) {
        byte[] payload = {(byte) sequence, 0, 0};
        buffer.offer(sequence, timestamp, payload, 0, payload.length);
    }

    /** What {@code count} polls play: each frame's first byte (its sequence number's low byte), or NOTHING. */
    private List<Integer> poll(int count) {
        List<Integer> played = new ArrayList<>();
        byte[] out = new byte[4];
        for (int i = 0; i < count; i++) {
            int length = buffer.poll(out);
            played.add(length < 0 ? NOTHING : out[0] & 0xFF);
        }
        return played;
    }
}
