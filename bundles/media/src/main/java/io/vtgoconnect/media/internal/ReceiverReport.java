package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;
import java.util.List;

/** An RTCP receiver report (RFC 3550 section 6.4.2), sent by a source that has not sent RTP lately. */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {
    static final int PACKET_TYPE = 201;

    public ReceiverReport {
        reports = List.copyOf(reports);
        RtcpCompound.checkCount(reports.size());
    }

    static ReceiverReport read(int count, ByteBuffer body) throws MalformedPacketException {
        RtcpCompound.requireLength(body, 4 + count * ReportBlock.SIZE, "receiver report");
        return new ReceiverReport(Integer.toUnsignedLong(body.getInt()), RtcpCompound.readReports(count, body));
    }

    @Override
    public int size() {
        return 8 + reports.size() * ReportBlock.SIZE;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpCompound.writeHeader(out, reports.size(), PACKET_TYPE, size());
        out.putInt((int) ssrc);
        reports.forEach(report -> report.writeTo(out));
    }
}
