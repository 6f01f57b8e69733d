package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;

/** One packet of an RTCP compound packet (RFC 3550 section 6); {@link RtcpCompound} reads and writes them. */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye {
    /** The length in bytes, header included. */
    int size();

    /** Writes the packet, header included, at the buffer's position. */
    void writeTo(ByteBuffer out);
}
