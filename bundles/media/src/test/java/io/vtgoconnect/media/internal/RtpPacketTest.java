package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void roundTripsEveryField() throws MalformedPacketException {
        RtpPacket packet = new RtpPacket(true, 8, 65535, 0xFFFFFFFFL, 0x89ABCDEFL, List.of(1L, 0xFFFFFFFEL),
                new byte[] {1, 2, 3});
        byte[] bytes = packet.toBytes();
        assertEquals(12 + 8 + 3, bytes.length);
        assertEquals(packet, RtpPacket.parse(bytes, 0, bytes.length));
    }

    @Test
    void serialisesTheHeaderOfRfc3550() {
        RtpPacket packet = new RtpPacket(true, 0, 0x1234, 0x01020304L, 0xCAFEBABEL, new byte[] {(byte) 0xFF});
        assertEquals("80801234" + "01020304" + "cafebabe" + "ff", HEX.formatHex(packet.toBytes()));
    }

    @Test
    void parsesAtAnOffset() throws MalformedPacketException {
        byte[] packet = new RtpPacket(false, 0, 7, 160, 42, new byte[160]).toBytes();
        byte[] framed = new byte[packet.length + 10];
        System.arraycopy(packet, 0, framed, 5, packet.length);
        assertEquals(7, RtpPacket.parse(framed, 5, packet.length).sequenceNumber());
    }

    @Test
    void stripsPaddingAndSkipsTheHeaderExtension() throws MalformedPacketException {
        // V=2, P=1, X=1, CC=1; M=0, PT=0; one CSRC; an extension of one word; payload aabb; 2 bytes of padding.
        byte[] bytes = HEX.parseHex("b1000001" + "000000a0" + "00000002" + "00000003" + "bede0001" + "11223344"
                + "aabb" + "0002");
        RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length);
        assertEquals(List.of(3L), packet.csrcs());
        assertEquals(160, packet.timestamp());
        assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB}, packet.payload());
    }

    @Test
    void rejectsMalformedPackets() {
        assertMalformed("80000001000000a0000000"); // 11 bytes: shorter than the header
        assertMalformed("40000001000000a000000002aa"); // version 1
        assertMalformed("c0000001000000a000000002aa"); // version 3
        assertMalformed("82000001000000a00000000200000003"); // two CSRCs, room for one
        assertMalformed("90000001000000a000000002bede"); // extension header cut short
        assertMalformed("90000001000000a000000002bede0002aabbccdd"); // extension longer than the packet
        assertMalformed("a0000001000000a000000002aa00"); // padding count 0
        assertMalformed("a0000001000000a000000002aa05"); // padding longer than the payload
        assertMalformed("80c80001000000a000000002"); // an RTCP sender report on the RTP port
    }

    @Test
    void garbageNeverThrowsAnythingButMalformedPacket() {
        Random random = new Random(3550);
        byte[] valid = new RtpPacket(true, 0, 1, 2, 3, List.of(4L), new byte[160]).toBytes();
        for (int length = 0; length <= valid.length; length++) {
            parseOrReject(valid, length);
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage.length > 0) {
                garbage[0] = (byte) (0x80 | garbage[0] & 0x3F);
            }
            parseOrReject(garbage, garbage.length);
        }
    }

    @Test
    void refusesFieldsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 128, 0, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 0, 65536, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 0, 0, 1L << 32, 0, new byte[0]));
    }

    private static void assertMalformed(String hex) {
        byte[] bytes = HEX.parseHex(hex);
        assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(bytes, 0, bytes.length), hex);
    }

    private static void parseOrReject(byte[] bytes, int length) {
        try {
            RtpPacket packet = RtpPacket.parse(Arrays.copyOf(bytes, length), 0, length);
            assertTrue(packet.size() <= length);
        } catch (MalformedPacketException expected) {
            // Rejected, as garbage should be.
        }
    }
}
