package io.vtgoconnect.media.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An RTCP source description (RFC 3550 section 6.5) reduced to what a call needs: each chunk's
 * CNAME. Other items are skipped when read.
 */
public record SourceDescription(List<SourceDescription.Chunk> chunks) implements RtcpPacket {
    static final int PACKET_TYPE = 202;
    private static final int END = 0;
    private static final int CNAME = 1;

    /** One source and its canonical name ("" when it sent none). */
    public record Chunk(long ssrc, String cname) {
        public Chunk {
            if (cname.getBytes(StandardCharsets.UTF_8).length > 0xFF) {
                throw new IllegalArgumentException("CNAME longer than 255 bytes");
            }
        }

        private int size() {
            int items = cname.isEmpty() ? 0 : 2 + cname.getBytes(StandardCharsets.UTF_8).length;
            // The item list ends with at least one zero byte, padded to a 32-bit boundary.
            return 4 + ((items + 4) & ~3);
        }
    }

    public SourceDescription {
        chunks = List.copyOf(chunks);
        RtcpCompound.checkCount(chunks.size());
    }

    static SourceDescription read(int count, ByteBuffer body) throws MalformedPacketException {
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RtcpCompound.requireLength(body, 4, "SDES chunk");
            long ssrc = Integer.toUnsignedLong(body.getInt());
            String cname = "";
            int start = body.position();
            while (true) {
                RtcpCompound.requireLength(body, 1, "SDES item");
                int type = body.get() & 0xFF;
                if (type == END) {
                    break;
                }
                RtcpCompound.requireLength(body, 1, "SDES item");
                int length = body.get() & 0xFF;
                RtcpCompound.requireLength(body, length, "SDES item");
                byte[] text = new byte[length];
                body.get(text);
                if (type == CNAME) {
                    cname = new String(text, StandardCharsets.UTF_8);
                }
            }
            int padding = (4 - (body.position() - start) % 4) % 4;
            body.position(Math.min(body.limit(), body.position() + padding));
            chunks.add(new Chunk(ssrc, cname));
        }
        return new SourceDescription(chunks);
    }

    @Override
    public int size() {
        return 4 + chunks.stream().mapToInt(Chunk::size).sum();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpCompound.writeHeader(out, chunks.size(), PACKET_TYPE, size());
        for (Chunk chunk : chunks) {
            int start = out.position();
            out.putInt((int) chunk.ssrc());
            if (!chunk.cname().isEmpty()) {
                byte[] cname = chunk.cname().getBytes(StandardCharsets.UTF_8);
                out.put((byte) CNAME).put((byte) cname.length).put(cname);
            }
            while (out.position() < start + chunk.size()) {
                out.put((byte) END);
            }
        }
    }
}
