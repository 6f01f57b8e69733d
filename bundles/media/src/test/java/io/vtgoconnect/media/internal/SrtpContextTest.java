package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.media.srtp.MasterKey;
import io.vtgoconnect.media.srtp.SrtpSuite;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * SRTP and SRTCP against RFC 3711's test vectors (appendix B.2: the counter-mode keystream; B.3:
 * key derivation) and libsrtp's reference packets for AES_CM_128_HMAC_SHA1_80, then the
 * receiver's rules: rollover, reordering, replay, tampering.
 */
class SrtpContextTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 3711 B.3's master key and salt, also libsrtp's reference packets'. */
    private static final MasterKey MASTER = new MasterKey(HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139"),
            HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6"));
    private static final String PLAIN_RTP = "800f1234decafbadcafebabeabababababababababababababababab";
    private static final String PROTECTED_RTP_80 = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402"
            + "b78d6acc99ea179b8dbb";
    private static final String PLAIN_RTCP = "81c8000bcafebabeabababababababababababababababab";
    private static final String PROTECTED_RTCP = "81c8000bcafebabe7128035be487b9bdbef89041f977a5a8"
            + "80000001993e08cd54d6c1230798";

    @Test
    void keystreamIsRfc3711AppendixB2() throws Exception {
        SrtpContext.Transform transform = new SrtpContext.Transform(HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C"),
                HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), new byte[20]);
        byte[] zeros = new byte[16 * 0x10000];
        transform.crypt(zeros, 0, zeros.length, 0, 0);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4", HEX.formatHex(zeros, 0, 16));
        assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", HEX.formatHex(zeros, 16, 32));
        assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", HEX.formatHex(zeros, 32, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", HEX.formatHex(zeros, 0xfeff * 16, 0xff00 * 16));
        assertEquals("362b7c3c6773516318a077d7fc5073ae", HEX.formatHex(zeros, 0xff00 * 16, 0xff01 * 16));
        assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", HEX.formatHex(zeros, 0xff01 * 16, 0xff02 * 16));
    }

    @Test
    void sessionKeysAreRfc3711AppendixB3() throws Exception {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(SrtpContext.deriveKey(MASTER, 0, 16)));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", HEX.formatHex(SrtpContext.deriveKey(MASTER, 1, 20)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(SrtpContext.deriveKey(MASTER, 2, 14)));
    }

    @Test
    void protectsAsLibsrtpsReferencePackets() {
        SrtpContext sender = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        assertEquals(PROTECTED_RTP_80, HEX.formatHex(protectRtp(sender, HEX.parseHex(PLAIN_RTP))));
        // libsrtp's reference SRTCP packet is its sender's second: index 1.
        protectRtcp(sender, HEX.parseHex(PLAIN_RTCP));
        assertEquals(PROTECTED_RTCP, HEX.formatHex(protectRtcp(sender, HEX.parseHex(PLAIN_RTCP))));

        SrtpContext receiver = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        assertEquals(PLAIN_RTP, HEX.formatHex(unprotectRtp(receiver, HEX.parseHex(PROTECTED_RTP_80))));
        assertEquals(PLAIN_RTCP, HEX.formatHex(unprotectRtcp(receiver, HEX.parseHex(PROTECTED_RTCP))));
    }

    @Test
    void theShortTagIsTheFirstFourBytesOfTheSameMacAndSrtcpKeepsTheLongOne() {
        SrtpContext sender = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_32, MASTER);
        assertEquals(PROTECTED_RTP_80.substring(0, PROTECTED_RTP_80.length() - 12),
                HEX.formatHex(protectRtp(sender, HEX.parseHex(PLAIN_RTP))));
        protectRtcp(sender, HEX.parseHex(PLAIN_RTCP));
        assertEquals(PROTECTED_RTCP, HEX.formatHex(protectRtcp(sender, HEX.parseHex(PLAIN_RTCP))));
    }

    @Test
    void followsTheRolloverCounterAcrossTheSequenceWrapAndThroughReordering() {
        SrtpContext sender = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        SrtpContext receiver = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        byte[][] sent = new byte[40][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = protectRtp(sender, rtp((65520 + i) & 0xFFFF, i));
        }
        // Swapped pairs on both sides of the wrap: each is accepted once, decrypted right.
        for (int i = 0; i < sent.length; i += 2) {
            assertArrayEquals(rtp((65520 + i + 1) & 0xFFFF, i + 1), unprotectRtp(receiver, sent[i + 1]));
            assertArrayEquals(rtp((65520 + i) & 0xFFFF, i), unprotectRtp(receiver, sent[i]));
        }
    }

    @Test
    void refusesReplaysOldPacketsAndAnyChangedByte() {
        SrtpContext sender = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        SrtpContext receiver = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        byte[][] sent = new byte[100][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = protectRtp(sender, rtp(1000 + i, i));
        }
        assertEquals(-1, unprotect(receiver, sent[0], true, 1), "one changed byte of the payload");
        assertEquals(-1, unprotect(receiver, sent[0], true, 3), "one changed byte of the header");
        assertEquals(-1, unprotect(receiver, sent[0], true, sent[0].length - 1), "one changed byte of the tag");
        assertEquals(-1, receiver.unprotectRtp(sent[0].clone(), 11), "shorter than a header");
        assertArrayEquals(rtp(1000, 0), unprotectRtp(receiver, sent[0]), "the genuine packet after the forgeries");
        assertEquals(-1, unprotect(receiver, sent[0], false, 0), "a replay");
        unprotectRtp(receiver, sent[99]);
        assertEquals(-1, unprotect(receiver, sent[20], false, 0), "older than the 64-packet window");
        assertArrayEquals(rtp(1000 + 50, 50), unprotectRtp(receiver, sent[50]), "late but inside the window");
        assertEquals(-1, unprotect(receiver, sent[50], false, 0), "a replay inside the window");

        SrtpContext otherKey = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
                new MasterKey(new byte[16], new byte[14]));
        assertEquals(-1, unprotect(otherKey, sent[1], false, 0), "another key");
    }

    @Test
    void srtcpRefusesReplaysAndChanges() {
        SrtpContext sender = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        SrtpContext receiver = new SrtpContext(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MASTER);
        byte[] first = protectRtcp(sender, HEX.parseHex(PLAIN_RTCP));
        byte[] second = protectRtcp(sender, HEX.parseHex(PLAIN_RTCP));
        byte[] tampered = second.clone();
        tampered[10] ^= 1;
        assertEquals(-1, receiver.unprotectRtcp(tampered, tampered.length));
        assertEquals(PLAIN_RTCP, HEX.formatHex(unprotectRtcp(receiver, second)));
        assertEquals(PLAIN_RTCP, HEX.formatHex(unprotectRtcp(receiver, first)), "reordered");
        assertEquals(-1, receiver.unprotectRtcp(first.clone(), first.length), "a replay");
        assertEquals(-1, receiver.unprotectRtcp(new byte[20], 20), "too short for an index and a tag");
    }

    private static byte[] rtp(int sequence, int fill) {
        byte[] packet = new byte[12 + 160];
        packet[0] = (byte) 0x80;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[8] = 0x12;
        packet[11] = 0x34;
        Arrays.fill(packet, 12, packet.length, (byte) fill);
        return packet;
    }

    private static byte[] protectRtp(SrtpContext context, byte[] packet) {
        byte[] buffer = Arrays.copyOf(packet, packet.length + context.rtpOverhead());
        return Arrays.copyOf(buffer, context.protectRtp(buffer, packet.length));
    }

    private static byte[] unprotectRtp(SrtpContext context, byte[] packet) {
        byte[] buffer = packet.clone();
        int length = context.unprotectRtp(buffer, buffer.length);
        assertEquals(packet.length - context.rtpOverhead(), length, "accepted");
        return Arrays.copyOf(buffer, length);
    }

    private static int unprotect(SrtpContext context, byte[] packet, boolean flip, int at) {
        byte[] buffer = packet.clone();
        if (flip) {
            buffer[at] ^= 0x40;
        }
        return context.unprotectRtp(buffer, buffer.length);
    }

    private static byte[] protectRtcp(SrtpContext context, byte[] packet) {
        byte[] buffer = Arrays.copyOf(packet, packet.length + SrtpContext.rtcpOverhead());
        return Arrays.copyOf(buffer, context.protectRtcp(buffer, packet.length));
    }

    private static byte[] unprotectRtcp(SrtpContext context, byte[] packet) {
        byte[] buffer = packet.clone();
        int length = context.unprotectRtcp(buffer, buffer.length);
        assertEquals(packet.length - SrtpContext.rtcpOverhead(), length, "accepted");
        return Arrays.copyOf(buffer, length);
    }
}
