package io.vtgoconnect.media.internal;

/**
 * RFC 3550 reception statistics of one source: the sequence-number bookkeeping of appendix A.1
 * (extended highest sequence number across wrap-arounds, restart after a large jump), lost
 * packets and fraction lost as in A.3, and the interarrival jitter of A.8. The first packet
 * starts the count; there is no probation, since a call's far end is known from signalling.
 * Not thread-safe.
 */
public final class ReceptionStatistics {
    private static final int SEQUENCE_MODULUS = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final double nanosPerClockUnit;
    private boolean started;
    private int baseSequence;
    private int maxSequence;
    private long cycles;
    private int badSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private boolean anyTimed;
    private long lastArrivalNanos;
    private long lastTimestamp;
    private double jitter;

    /** @param clockRate the RTP clock rate of the stream, in which the jitter is counted */
    public ReceptionStatistics(int clockRate) {
        this.nanosPerClockUnit = 1e9 / clockRate;
    }

    /**
     * Counts a packet that arrived at {@code arrivalNanos} (a {@link System#nanoTime} reading).
     * Only packets with {@code timed} set (audio, whose timestamp is its sampling instant) feed
     * the jitter: telephone events keep the timestamp of the event's start.
     *
     * @return false when the packet is a stray from far outside the sequence and should be dropped
     */
    public boolean update(int sequenceNumber, long timestamp, long arrivalNanos, boolean timed) {
        if (!started) {
            restart(sequenceNumber);
            started = true;
        } else {
            int delta = (sequenceNumber - maxSequence) & 0xFFFF;
            if (delta < MAX_DROPOUT) {
                if (sequenceNumber < maxSequence) {
                    cycles += SEQUENCE_MODULUS;
                }
                maxSequence = sequenceNumber;
            } else if (delta <= SEQUENCE_MODULUS - MAX_MISORDER) {
                if (sequenceNumber != badSequence) {
                    badSequence = (sequenceNumber + 1) & 0xFFFF;
                    return false;
                }
                // Two packets in a row after the jump: the sender restarted its sequence.
                restart(sequenceNumber);
            }
        }
        received++;
        if (timed) {
            updateJitter(timestamp, arrivalNanos);
        }
        return true;
    }

    public long received() {
        return received;
    }

    /** The highest sequence number received, extended with the count of wrap-arounds. */
    public long extendedHighestSequence() {
        return cycles + maxSequence;
    }

    /** Packets expected from the first sequence number to the highest. */
    public long expected() {
        return started ? extendedHighestSequence() - baseSequence + 1 : 0;
    }

    /** Cumulative packets lost; negative when duplicates outnumber losses. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /** Interarrival jitter in RTP timestamp units. */
    public double jitter() {
        return jitter;
    }

    /**
     * The fraction lost since the previous call, in 1/256 as an RTCP report block carries it;
     * each call starts a new interval.
     */
    public int nextFractionLost() {
        long expectedInterval = expected() - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected();
        receivedPrior = received;
        return expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
    }

    private void restart(int sequenceNumber) {
        baseSequence = sequenceNumber;
        maxSequence = sequenceNumber;
        badSequence = SEQUENCE_MODULUS + 1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    private void updateJitter(long timestamp, long arrivalNanos) {
        if (anyTimed) {
            double arrivalSpacing = (arrivalNanos - lastArrivalNanos) / nanosPerClockUnit;
            int timestampSpacing = (int) (timestamp - lastTimestamp);
            jitter += (Math.abs(arrivalSpacing - timestampSpacing) - jitter) / 16;
        }
        anyTimed = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = timestamp;
    }
}
