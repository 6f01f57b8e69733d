package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * An RTCP sender report (RFC 3550 section 6.4.1): what this source sent, stamped with NTP and
 * RTP time, and reports about the sources it receives.
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) implements RtcpPacket {
    static final int PACKET_TYPE = 200;
    private static final int SENDER_INFO = 20;

    public SenderReport {
        reports = List.copyOf(reports);
        RtcpCompound.checkCount(reports.size());
    }

    static SenderReport read(int count, ByteBuffer body) throws MalformedPacketException {
        RtcpCompound.requireLength(body, 4 + SENDER_INFO + count * ReportBlock.SIZE, "sender report");
        return new SenderReport(Integer.toUnsignedLong(body.getInt()), body.getLong(),
                Integer.toUnsignedLong(body.getInt()), Integer.toUnsignedLong(body.getInt()),
                Integer.toUnsignedLong(body.getInt()), RtcpCompound.readReports(count, body));
    }

    @Override
    public int size() {
        return 8 + SENDER_INFO + reports.size() * ReportBlock.SIZE;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpCompound.writeHeader(out, reports.size(), PACKET_TYPE, size());
        out.putInt((int) ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        reports.forEach(report -> report.writeTo(out));
    }
}
