package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An RTCP BYE (RFC 3550 section 6.6): these sources are leaving, with an optional reason. */
public record Goodbye(List<Long> ssrcs, String reason) implements RtcpPacket {
    static final int PACKET_TYPE = 203;

    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        RtcpCompound.checkCount(ssrcs.size());
        if (reason.getBytes(StandardCharsets.UTF_8).length > 0xFF) {
            throw new IllegalArgumentException("BYE reason longer than 255 bytes");
        }
    }

    static Goodbye read(int count, ByteBuffer body) throws MalformedPacketException {
        RtcpCompound.requireLength(body, 4 * count, "BYE");
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(Integer.toUnsignedLong(body.getInt()));
        }
        String reason = "";
        if (body.hasRemaining()) {
            int length = body.get() & 0xFF;
            RtcpCompound.requireLength(body, length, "BYE reason");
            byte[] text = new byte[length];
            body.get(text);
            reason = new String(text, StandardCharsets.UTF_8);
        }
        return new Goodbye(ssrcs, reason);
    }

    @Override
    public int size() {
        int reasonLength = reason.getBytes(StandardCharsets.UTF_8).length;
        return 4 + 4 * ssrcs.size() + (reasonLength == 0 ? 0 : (reasonLength + 4) & ~3);
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int start = out.position();
        RtcpCompound.writeHeader(out, ssrcs.size(), PACKET_TYPE, size());
        ssrcs.forEach(ssrc -> out.putInt(ssrc.intValue()));
        if (!reason.isEmpty()) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            out.put((byte) text.length).put(text);
        }
        while (out.position() < start + size()) {
            out.put((byte) 0);
        }
    }
}
