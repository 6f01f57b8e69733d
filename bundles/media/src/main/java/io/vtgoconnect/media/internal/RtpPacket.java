package io.vtgoconnect.media.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 section 5.1). Parsing strips padding and skips a header extension;
 * serialising writes neither. The payload array is shared, not copied, so that the send path
 * can reuse one buffer: treat it as read-only. Unsigned 32-bit fields are held in longs.
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
        List<Long> csrcs, byte[] payload) {
    static final int HEADER_LENGTH = RtpHeader.FIXED_LENGTH;
    private static final int MAX_CSRCS = 15;

    public RtpPacket {
        check(payloadType, 0x7F, "payload type");
        check(sequenceNumber, 0xFFFF, "sequence number");
        check(timestamp, 0xFFFFFFFFL, "timestamp");
        check(ssrc, 0xFFFFFFFFL, "SSRC");
        csrcs = List.copyOf(csrcs);
        if (csrcs.size() > MAX_CSRCS) {
            throw new IllegalArgumentException("more than " + MAX_CSRCS + " CSRCs");
        }
        csrcs.forEach(csrc -> check(csrc, 0xFFFFFFFFL, "CSRC"));
        Objects.requireNonNull(payload, "payload");
    }

    /** A packet with no CSRC list. */
    public RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {
        this(marker, payloadType, sequenceNumber, timestamp, ssrc, List.of(), payload);
    }

    /**
     * Parses {@code length} bytes of {@code data} from {@code offset}.
     *
     * @throws MalformedPacketException when they are not an RTP packet
     */
    public static RtpPacket parse(byte[] data, int offset, int length) throws MalformedPacketException {
        RtpHeader header = new RtpHeader();
        header.read(data, offset, length);
        List<Long> csrcs = new ArrayList<>(header.csrcCount());
        for (int i = 0; i < header.csrcCount(); i++) {
            csrcs.add(readUnsignedInt(data, offset + HEADER_LENGTH + 4 * i));
        }
        return new RtpPacket(header.marker(), header.payloadType(), header.sequenceNumber(), header.timestamp(),
                header.ssrc(), csrcs, Arrays.copyOfRange(data, header.payloadOffset(),
                        header.payloadOffset() + header.payloadLength()));
    }

    /** The serialised length in bytes. */
    public int size() {
        return HEADER_LENGTH + 4 * csrcs.size() + payload.length;
    }

    /** Writes the packet into {@code buffer} from {@code offset} and returns its length. */
    public int writeTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, size(), buffer.length);
        int position = offset + RtpHeader.write(buffer, offset, marker, payloadType, sequenceNumber, timestamp, ssrc);
        buffer[offset] |= (byte) csrcs.size();
        for (long csrc : csrcs) {
            writeInt(buffer, position, csrc);
            position += 4;
        }
        System.arraycopy(payload, 0, buffer, position, payload.length);
        return size();
    }

    /** The packet as a new array. */
    public byte[] toBytes() {
        byte[] bytes = new byte[size()];
        writeTo(bytes, 0);
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
                && sequenceNumber == p.sequenceNumber && timestamp == p.timestamp && ssrc == p.ssrc
                && csrcs.equals(p.csrcs) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp + ", ssrc="
                + ssrc + (marker ? ", marker" : "") + ", csrcs=" + csrcs + ", payload=" + payload.length + " bytes]";
    }

    private static void check(long value, long max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " out of range: " + value);
        }
    }

    static int readUnsignedShort(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
    }

    static long readUnsignedInt(byte[] data, int at) {
        return (long) readUnsignedShort(data, at) << 16 | readUnsignedShort(data, at + 2);
    }

    static void writeInt(byte[] buffer, int at, long value) {
        buffer[at] = (byte) (value >> 24);
        buffer[at + 1] = (byte) (value >> 16);
        buffer[at + 2] = (byte) (value >> 8);
        buffer[at + 3] = (byte) value;
    }
}
