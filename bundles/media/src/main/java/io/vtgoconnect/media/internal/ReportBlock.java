package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;

/**
 * A reception report about one source (RFC 3550 section 6.4.1). {@code fractionLost} is in
 * 1/256; {@code cumulativeLost} is a signed 24-bit count (larger values are clamped); {@code jitter} is in timestamp units;
 * {@code lastSenderReport} is the middle 32 bits of the NTP time of the source's last SR and
 * {@code delaySinceLastSenderReport} the time since, in 1/65536 s (both 0 when no SR came).
 */
public record ReportBlock(long ssrc, int fractionLost, long cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    static final int SIZE = 24;
    private static final int MAX_LOST = 0x7FFFFF;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 0xFF) {
            throw new IllegalArgumentException("fraction lost out of range: " + fractionLost);
        }
        cumulativeLost = Math.max(-MAX_LOST - 1, Math.min(MAX_LOST, cumulativeLost));
    }

    static ReportBlock read(ByteBuffer in) {
        long ssrc = Integer.toUnsignedLong(in.getInt());
        int lossWord = in.getInt();
        return new ReportBlock(ssrc, lossWord >>> 24, lossWord << 8 >> 8, Integer.toUnsignedLong(in.getInt()),
                Integer.toUnsignedLong(in.getInt()), Integer.toUnsignedLong(in.getInt()),
                Integer.toUnsignedLong(in.getInt()));
    }

    void writeTo(ByteBuffer out) {
        out.putInt((int) ssrc);
        out.putInt(fractionLost << 24 | (int) (cumulativeLost & 0xFFFFFF));
        out.putInt((int) extendedHighestSequence);
        out.putInt((int) jitter);
        out.putInt((int) lastSenderReport);
        out.putInt((int) delaySinceLastSenderReport);
    }
}
