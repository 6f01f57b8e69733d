package io.vtgoconnect.media.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-delay jitter buffer for one RTP stream of fixed-length frames. Frames are kept in
 * sequence-number order; play-out starts {@code delayFrames} frames after the first one arrives
 * and then advances one frame length of RTP time on every {@link #poll}, so it follows the
 * sender's clock: a frame whose time has passed when it arrives is discarded as late, and a gap
 * in the timestamps (a lost packet, telephone events, silence suppression) plays as nothing.
 * A stream that jumps, forwards or back, more than the capacity away from the play-out point
 * is a new stream: the buffer starts over. So is a stream that stays late: its sender's clock
 * fell behind ours (a sender that stalled and went on where it stopped, or a slower clock).
 * Offers and polls may come from different threads.
 */
public final class JitterBuffer {
    /** Extended numbers start here so that packets older than the first stay positive. */
    private static final long ORIGIN = 1L << 40;
    /**
     * Late frames in a row after which the stream is taken as behind and played from where it is.
     * A burst after a network stall is late for the stall's length only, but a sender whose clock
     * fell behind is late for good: kept, it would be unheard until a whole capacity behind.
     */
    static final int LATE_FRAMES_TO_START_OVER = 5;

    private final int frameSamples;
    private final int delayFrames;
    private final int capacity;
    /*
     * The slots are made when the first frame is offered, and each slot's payload when a frame first
     * lands there: a relayed call's sessions never buffer, and made with each session, the slots were
     * an eighth of what the call server allocated, and 2.5 KB of the 36 KB a relayed call held.
     */
    private long[] slotSequence;
    private long[] slotTimestamp;
    private byte[][] slotPayload;
    private final int maxPayload;
    private int[] slotLength;

    private boolean empty = true;
    private boolean playing;
    private int prefillPolls;
    /** The lowest sequence number not yet played or skipped. */
    private long nextSequence;
    private long highestSequence;
    /** The RTP time of the next frame to play. */
    private long playoutTimestamp;
    private long lastTimestamp;
    private long discarded;
    private int lateInARow;

    /**
     * @param frameSamples the RTP time of one frame (160 at 8 kHz and 20 ms)
     * @param delayFrames the play-out delay in frames
     * @param capacity the most frames held at once; a larger jump restarts the buffer
     * @param maxPayload the largest payload kept; longer ones are cut
     */
    public JitterBuffer(int frameSamples, int delayFrames, int capacity, int maxPayload) {
        if (delayFrames < 1 || capacity <= delayFrames) {
            throw new IllegalArgumentException("delay " + delayFrames + " must be positive and below capacity " + capacity);
        }
        this.frameSamples = frameSamples;
        this.delayFrames = delayFrames;
        this.capacity = capacity;
        this.maxPayload = maxPayload;
    }

    /** Buffers the frame with this 16-bit sequence number and 32-bit timestamp, unless it is late or a duplicate. */
    public synchronized void offer(int sequenceNumber, long timestamp, byte[] payload, int offset, int length) {
        if (slotSequence == null) {
            slotSequence = new long[capacity];
            slotTimestamp = new long[capacity];
            slotPayload = new byte[capacity][];
            slotLength = new int[capacity];
            Arrays.fill(slotSequence, -1);
        }
        if (empty && !playing) {
            highestSequence = ORIGIN + sequenceNumber;
            nextSequence = highestSequence;
            lastTimestamp = ORIGIN + timestamp;
        }
        long sequence = highestSequence + (short) (sequenceNumber - (int) highestSequence);
        long extendedTimestamp = lastTimestamp + (int) (timestamp - lastTimestamp);
        boolean late = playing && (sequence < nextSequence || extendedTimestamp < playoutTimestamp);
        lateInARow = late ? lateInARow + 1 : 0;
        if (Math.abs(sequence - nextSequence) >= capacity || Math.abs(sequence - highestSequence) >= capacity
                || (playing && Math.abs(extendedTimestamp - playoutTimestamp) >= (long) capacity * frameSamples)
                || lateInARow >= LATE_FRAMES_TO_START_OVER) {
            reset();
            offer(sequenceNumber, timestamp, payload, offset, length);
            return;
        }
        if (late) {
            discarded++;
            return;
        }
        int slot = (int) (sequence % capacity);
        if (slotSequence[slot] == sequence) {
            return;
        }
        slotSequence[slot] = sequence;
        slotTimestamp[slot] = extendedTimestamp;
        if (slotPayload[slot] == null) {
            slotPayload[slot] = new byte[maxPayload];
        }
        slotLength[slot] = Math.min(length, maxPayload);
        System.arraycopy(payload, offset, slotPayload[slot], 0, slotLength[slot]);
        empty = false;
        nextSequence = Math.min(nextSequence, sequence);
        highestSequence = Math.max(highestSequence, sequence);
        lastTimestamp = extendedTimestamp;
    }

    /**
     * Takes the frame due now, once per frame time.
     *
     * @return its length, copied into {@code out}; -1 when nothing is due (still filling, a gap, or empty)
     */
    public synchronized int poll(byte[] out) {
        return take(Objects.requireNonNull(out, "out"));
    }

    /** Takes the frame due now without copying it, for a listener nobody hears: late frames are still counted. */
    public synchronized void skip() {
        take(null);
    }

    /** The frame due now leaves the buffer, copied into {@code out} unless it is null. */
    private int take(byte[] out) {
        if (!playing) {
            if (empty || ++prefillPolls < delayFrames) {
                return -1;
            }
            playing = true;
            playoutTimestamp = slotTimestamp[(int) (nextSequence % capacity)];
        }
        long due = playoutTimestamp;
        playoutTimestamp += frameSamples;
        for (long sequence = nextSequence; sequence <= highestSequence; sequence++) {
            int slot = (int) (sequence % capacity);
            if (slotSequence[slot] != sequence) {
                continue;
            }
            if (slotTimestamp[slot] >= due + frameSamples) {
                return -1;
            }
            slotSequence[slot] = -1;
            nextSequence = sequence + 1;
            if (slotTimestamp[slot] < due) {
                discarded++;
                continue;
            }
            if (out != null) {
                System.arraycopy(slotPayload[slot], 0, out, 0, slotLength[slot]);
            }
            return slotLength[slot];
        }
        empty = true;
        return -1;
    }

    /** Frames discarded because they arrived after their play-out time, since this buffer was made. */
    public synchronized long discarded() {
        return discarded;
    }

    /** Drops every frame and waits for a new stream; the discard count stays. */
    public synchronized void reset() {
        if (slotSequence != null) {
            Arrays.fill(slotSequence, -1);
        }
        empty = true;
        playing = false;
        prefillPolls = 0;
        lateInARow = 0;
    }
}
