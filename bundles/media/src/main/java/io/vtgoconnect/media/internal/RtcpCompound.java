package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes RTCP compound packets: the common header of each packet (version 2, count,
 * packet type, length in 32-bit words minus one), padding on the last packet only, and dispatch
 * to the packet types a call needs. Packets of other types (APP, XR, feedback) are skipped.
 */
public final class RtcpCompound {
    private static final int VERSION = 2;
    private static final int MAX_COUNT = 31;

    private RtcpCompound() {
    }

    /**
     * Parses {@code length} bytes of {@code data} from {@code offset}.
     *
     * @throws MalformedPacketException when they are not a valid RTCP compound packet
     */
    public static List<RtcpPacket> parse(byte[] data, int offset, int length) throws MalformedPacketException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            throw new MalformedPacketException("empty RTCP packet");
        }
        ByteBuffer in = ByteBuffer.wrap(data, offset, length);
        List<RtcpPacket> packets = new ArrayList<>(3);
        while (in.hasRemaining()) {
            requireLength(in, 4, "RTCP header");
            int first = in.get() & 0xFF;
            if (first >> 6 != VERSION) {
                throw new MalformedPacketException("RTCP version " + (first >> 6));
            }
            int count = first & 0x1F;
            int packetType = in.get() & 0xFF;
            int bodyLength = 4 * (in.getShort() & 0xFFFF);
            requireLength(in, bodyLength, "RTCP packet body");
            ByteBuffer body = in.slice(in.position(), bodyLength);
            in.position(in.position() + bodyLength);
            if ((first & 0x20) != 0) {
                int padding = bodyLength == 0 ? 0 : body.get(bodyLength - 1) & 0xFF;
                if (in.hasRemaining() || padding == 0 || padding > bodyLength) {
                    throw new MalformedPacketException("invalid RTCP padding");
                }
                body.limit(bodyLength - padding);
            }
            switch (packetType) {
                case SenderReport.PACKET_TYPE -> packets.add(SenderReport.read(count, body));
                case ReceiverReport.PACKET_TYPE -> packets.add(ReceiverReport.read(count, body));
                case SourceDescription.PACKET_TYPE -> packets.add(SourceDescription.read(count, body));
                case Goodbye.PACKET_TYPE -> packets.add(Goodbye.read(count, body));
                default -> {
                    // Not needed for a call's statistics.
                }
            }
        }
        return packets;
    }

    /** Writes the packets one after another as one compound packet. */
    public static byte[] toBytes(List<RtcpPacket> packets) {
        ByteBuffer out = ByteBuffer.allocate(packets.stream().mapToInt(RtcpPacket::size).sum());
        packets.forEach(packet -> packet.writeTo(out));
        return out.array();
    }

    static void writeHeader(ByteBuffer out, int count, int packetType, int size) {
        out.put((byte) (VERSION << 6 | count));
        out.put((byte) packetType);
        out.putShort((short) (size / 4 - 1));
    }

    static void checkCount(int count) {
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("more than " + MAX_COUNT + " entries in one RTCP packet");
        }
    }

    static void requireLength(ByteBuffer in, int length, String what) throws MalformedPacketException {
        if (in.remaining() < length) {
            throw new MalformedPacketException(what + " truncated");
        }
    }

    static List<ReportBlock> readReports(int count, ByteBuffer body) {
        List<ReportBlock> reports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reports.add(ReportBlock.read(body));
        }
        return reports;
    }
}
