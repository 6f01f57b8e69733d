package io.vtgoconnect.media.internal;

import java.util.Objects;

/**
 * The header of a received RTP packet (RFC 3550 section 5.1), read in place: the fixed fields and
 * where the payload lies once CSRCs, a header extension and padding are stepped over. A receiving
 * session keeps one and refills it from every datagram, so that a farm's thousands of packets a
 * second allocate nothing on their way to the jitter buffer. Used by one thread at a time.
 */
public final class RtpHeader {
    static final int VERSION = 2;
    static final int FIXED_LENGTH = 12;

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private int csrcCount;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Reads the header of the {@code length} bytes of {@code data} from {@code offset}.
     *
     * @throws MalformedPacketException when they are not an RTP packet (the fields are then left undefined)
     */
    public void read(byte[] data, int offset, int length) throws MalformedPacketException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < FIXED_LENGTH) {
            throw new MalformedPacketException("shorter than an RTP header: " + length + " bytes");
        }
        int first = data[offset] & 0xFF;
        if (first >> 6 != VERSION) {
            throw new MalformedPacketException("RTP version " + (first >> 6));
        }
        int second = data[offset + 1] & 0xFF;
        payloadType = second & 0x7F;
        // RFC 5761 section 4: these values are what an RTCP SR, RR, SDES, BYE or APP puts here.
        if (payloadType >= 72 && payloadType <= 76) {
            throw new MalformedPacketException("an RTCP packet, not RTP");
        }
        csrcCount = first & 0x0F;
        int position = FIXED_LENGTH + 4 * csrcCount;
        if (position > length) {
            throw new MalformedPacketException(csrcCount + " CSRCs do not fit in " + length + " bytes");
        }
        if ((first & 0x10) != 0) {
            if (position + 4 > length) {
                throw new MalformedPacketException("header extension does not fit");
            }
            position += 4 + 4 * RtpPacket.readUnsignedShort(data, offset + position + 2);
            if (position > length) {
                throw new MalformedPacketException("header extension longer than the packet");
            }
        }
        int end = length;
        if ((first & 0x20) != 0) {
            int padding = data[offset + length - 1] & 0xFF;
            if (padding == 0 || position + padding > length) {
                throw new MalformedPacketException("padding count " + padding + " is invalid");
            }
            end -= padding;
        }
        marker = (second & 0x80) != 0;
        sequenceNumber = RtpPacket.readUnsignedShort(data, offset + 2);
        timestamp = RtpPacket.readUnsignedInt(data, offset + 4);
        ssrc = RtpPacket.readUnsignedInt(data, offset + 8);
        payloadOffset = offset + position;
        payloadLength = end - position;
    }

    /**
     * Writes a header with no CSRC list into {@code buffer} from {@code offset}; returns its length.
     * The caller has checked the fields' ranges.
     */
    static int write(byte[] buffer, int offset, boolean marker, int payloadType, int sequenceNumber, long timestamp,
            long ssrc) {
        buffer[offset] = (byte) (VERSION << 6);
        buffer[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        buffer[offset + 2] = (byte) (sequenceNumber >> 8);
        buffer[offset + 3] = (byte) sequenceNumber;
        RtpPacket.writeInt(buffer, offset + 4, timestamp);
        RtpPacket.writeInt(buffer, offset + 8, ssrc);
        return FIXED_LENGTH;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    /** How many CSRCs follow the fixed header. */
    public int csrcCount() {
        return csrcCount;
    }

    /** Where the payload starts in the array read. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
