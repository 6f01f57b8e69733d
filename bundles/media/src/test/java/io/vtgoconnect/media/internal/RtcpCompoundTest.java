package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ReportBlock BLOCK = new ReportBlock(0xAABBCCDDL, 25, -3, 0x1_0005L, 77, 0x12345678L, 65536);

    @Test
    void roundTripsASenderReportWithDescriptionAndBye() throws MalformedPacketException {
        List<RtcpPacket> packets = List.of(
                new SenderReport(0x11223344L, 0xE1234567_89ABCDEFL, 0xFFFFFFF0L, 1000, 160_000, List.of(BLOCK)),
                new SourceDescription(List.of(new SourceDescription.Chunk(0x11223344L, "vtgo@127.0.0.1"))),
                new Goodbye(List.of(0x11223344L), "hung up"));
        byte[] bytes = RtcpCompound.toBytes(packets);
        assertEquals(0, bytes.length % 4);
        assertEquals(packets, RtcpCompound.parse(bytes, 0, bytes.length));
    }

    @Test
    void roundTripsAReceiverReportAndAnEmptyCname() throws MalformedPacketException {
        List<RtcpPacket> packets = List.of(new ReceiverReport(5, List.of(BLOCK, BLOCK)),
                new SourceDescription(List.of(new SourceDescription.Chunk(5, ""))), new Goodbye(List.of(5L, 6L), ""));
        byte[] bytes = RtcpCompound.toBytes(packets);
        assertEquals(packets, RtcpCompound.parse(bytes, 0, bytes.length));
    }

    @Test
    void writesTheWireFormatOfRfc3550() {
        byte[] bytes = RtcpCompound.toBytes(List.of(new ReceiverReport(1, List.of(
                new ReportBlock(2, 0x80, -1, 0x10000L, 3, 4, 5)))));
        // V=2 RC=1 PT=201 length=7 words; SSRC 1; block: SSRC 2, fraction 128, lost -1 (24 bits), ...
        assertEquals("81c90007" + "00000001" + "00000002" + "80ffffff" + "00010000" + "00000003" + "00000004"
                + "00000005", HEX.formatHex(bytes));
    }

    @Test
    void skipsUnknownPacketTypesAndHonoursPaddingOnTheLast() throws MalformedPacketException {
        // RR with no blocks; an APP packet (type 204, two words); a BYE padded with 4 bytes.
        byte[] bytes = HEX.parseHex("80c90001" + "00000009" + "80cc0002" + "00000009" + "74657374" + "a1cb0002"
                + "00000009" + "00000004");
        assertEquals(List.of(new ReceiverReport(9, List.of()), new Goodbye(List.of(9L), "")),
                RtcpCompound.parse(bytes, 0, bytes.length));
    }

    @Test
    void rejectsMalformedPackets() {
        assertMalformed(""); // empty
        assertMalformed("40c90001" + "00000009"); // version 1
        assertMalformed("80c90002" + "00000009"); // length beyond the datagram
        assertMalformed("81c90001" + "00000009"); // a report block announced, none there
        assertMalformed("80c90001" + "00000009" + "00"); // trailing bytes too short for a header
        assertMalformed("a0c90001" + "00000009" + "80c90001" + "00000009"); // padding before the last packet
        assertMalformed("a0c90001" + "00000000"); // padding count 0
        assertMalformed("81ca0002" + "00000009" + "01100000"); // SDES item longer than the chunk
        assertMalformed("81cb0000"); // BYE with a source count and no source
    }

    @Test
    void garbageNeverThrowsAnythingButMalformedPacket() {
        byte[] valid = RtcpCompound.toBytes(List.of(new SenderReport(1, 2, 3, 4, 5, List.of(BLOCK)),
                new SourceDescription(List.of(new SourceDescription.Chunk(1, "cname"))), new Goodbye(List.of(1L), "bye")));
        for (int length = 0; length <= valid.length; length++) {
            parseOrReject(Arrays.copyOf(valid, length));
        }
        Random random = new Random(3550);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            parseOrReject(mutated);
            byte[] garbage = new byte[random.nextInt(80)];
            random.nextBytes(garbage);
            if (garbage.length > 0) {
                garbage[0] = (byte) (0x80 | garbage[0] & 0x3F);
            }
            parseOrReject(garbage);
        }
    }

    private static void assertMalformed(String hex) {
        byte[] bytes = HEX.parseHex(hex);
        assertThrows(MalformedPacketException.class, () -> RtcpCompound.parse(bytes, 0, bytes.length), hex);
    }

    private static void parseOrReject(byte[] bytes) {
        try {
            RtcpCompound.parse(bytes, 0, bytes.length);
        } catch (MalformedPacketException expected) {
            // Rejected, as garbage should be.
        }
    }
}
