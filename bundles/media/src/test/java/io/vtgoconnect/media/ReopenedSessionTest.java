package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.srtp.MasterKey;
import io.vtgoconnect.media.srtp.SrtpKeys;
import io.vtgoconnect.media.srtp.SrtpSuite;
import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions reopened on their own sockets in another codec or with other SRTP keys, as an SDP answer
 * or re-offer changes them, talking over real UDP sockets on 127.0.0.1.
 */
class ReopenedSessionTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(34000, 34009);

    private final MediaEngine engine = new MediaEngine();
    private final RecordingSink heard = new RecordingSink();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void anotherCodecKeepsThePortsWhichCountAsTakenOnceAndFreeAgainWithTheLastSession() throws IOException {
        RtpSession offered = engine.open(CONFIG.withCodec(G711Codec.PCMA));
        RtpSession callee = engine.open(CONFIG);
        callee.setSink(heard);
        assertEquals(3, freePairs());

        RtpSession answered = engine.reopen(offered, CONFIG.withCodec(G711Codec.PCMU));
        assertEquals(offered.localRtpAddress(), answered.localRtpAddress());
        assertEquals(3, freePairs());
        answered.setRemote(callee.localRtpAddress());
        answered.setSource(new ToneSource(8000, 1000));
        // The callee plays PCMU alone: it hears the tone only if the reopened session sends PCMU.
        Await.until("half a second of the tone", () -> heard.audibleFrames() >= 25);
        assertTrue(Goertzel.dominates(heard.samples(), 1000, 400, 700, 1400, 2000, 3000), "the callee hears 1 kHz");
        assertEquals("G711u:20ms", answered.statistics().codec());

        offered.close();
        long received = callee.statistics().packetsReceived();
        Await.until("the stream to go on after the earlier session's close",
                () -> callee.statistics().packetsReceived() >= received + 10);
        assertEquals(3, freePairs());

        answered.close();
        assertEquals(4, freePairs());
        InetSocketAddress rtp = answered.localRtpAddress();
        try (DatagramChannel rtpAgain = DatagramChannel.open().bind(rtp);
                DatagramChannel rtcpAgain = DatagramChannel.open()
                        .bind(new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1))) {
            assertNotNull(rtcpAgain.getLocalAddress(), "both ports are free once the reopened session closes");
        }
    }

    @Test
    void theReopenedSessionGoesOnWithTheStreamTheFarEndHeard() throws IOException {
        RtpSession offered = engine.open(CONFIG.withCodec(G711Codec.PCMA));
        try (DatagramSocket farEnd = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            farEnd.setSoTimeout(10_000);
            offered.setRemote((InetSocketAddress) farEnd.getLocalSocketAddress());
            List<byte[]> heardByFarEnd = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                heardByFarEnd.add(receive(farEnd));
            }
            RtpSession answered = engine.reopen(offered, CONFIG.withCodec(G711Codec.PCMU));
            answered.setRemote((InetSocketAddress) farEnd.getLocalSocketAddress());
            // A frame the earlier session had under way may come after the reopening: read to the third in PCMU.
            int pcmu = 0;
            while (pcmu < 3) {
                byte[] packet = receive(farEnd);
                heardByFarEnd.add(packet);
                pcmu += (packet[1] & 0x7F) == G711Codec.PCMU.payloadType() ? 1 : 0;
            }
            ByteBuffer first = ByteBuffer.wrap(heardByFarEnd.get(0));
            for (int n = 1; n < heardByFarEnd.size(); n++) {
                ByteBuffer packet = ByteBuffer.wrap(heardByFarEnd.get(n));
                assertEquals(first.getInt(8), packet.getInt(8), "SSRC of packet " + n);
                assertEquals((first.getShort(2) + n) & 0xFFFF, packet.getShort(2) & 0xFFFF, "sequence number of packet " + n);
            }
        }
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    @Test
    void newSrtpKeysReadOnlyWhatIsSentWithThem() throws IOException {
        MasterKey aKey = MasterKey.generate(RANDOM);
        MasterKey bKey = MasterKey.generate(RANDOM);
        RtpSession a = engine.open(CONFIG.withSrtp(new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_32, aKey, bKey)));
        RtpSession b = engine.open(CONFIG.withSrtp(new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_32, bKey, aKey)));
        a.setRemote(b.localRtpAddress());
        a.setSource(new ToneSource(8000, 1000));
        Await.until("packets under the first keys", () -> b.statistics().packetsReceived() >= 10);

        MasterKey aNewKey = MasterKey.generate(RANDOM);
        MasterKey bNewKey = MasterKey.generate(RANDOM);
        RtpSession bRekeyed = engine.reopen(b, CONFIG.withSrtp(new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80, bNewKey,
                aNewKey)));
        bRekeyed.setSink(heard);
        long sent = a.statistics().packetsSent();
        Await.until("25 more packets sent under the first keys", () -> a.statistics().packetsSent() >= sent + 25);
        assertEquals(0, bRekeyed.statistics().packetsReceived(), "packets under the old keys fail");
        assertEquals(0, heard.audibleFrames());

        RtpSession aRekeyed = engine.reopen(a, CONFIG.withSrtp(new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80, aNewKey,
                bNewKey)));
        aRekeyed.setRemote(bRekeyed.localRtpAddress());
        aRekeyed.setSource(new ToneSource(8000, 1000));
        Await.until("half a second of the tone under the new keys", () -> heard.audibleFrames() >= 25);
        assertTrue(Goertzel.dominates(heard.samples(), 1000, 400, 700, 1400, 2000, 3000), "b hears 1 kHz");
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, bRekeyed.statistics().srtpSuite());
        assertEquals(3, freePairs(), "two sessions, two pairs");
    }

    @Test
    void onlyAnOpenSessionOfTheEngineIsReopened() throws IOException {
        RtpSession closed = engine.open(CONFIG);
        closed.close();
        RtpSession replaced = engine.open(CONFIG);
        engine.reopen(replaced, CONFIG.withCodec(G711Codec.PCMA));
        try (MediaEngine other = new MediaEngine(); RtpSession elsewhere = other.open(CONFIG)) {
            assertThrows(IllegalArgumentException.class, () -> engine.reopen(closed, CONFIG));
            assertThrows(IllegalArgumentException.class, () -> engine.reopen(replaced, CONFIG));
            assertThrows(IllegalArgumentException.class, () -> engine.reopen(elsewhere, CONFIG));
            assertEquals(4, freePairs(), "the reopened session alone holds a pair");
            assertEquals(4, other.freePortPairs(CONFIG.localAddress(), CONFIG.minPort(), CONFIG.maxPort()),
                    "the other engine's session keeps its pair");
        }
    }

    private int freePairs() {
        return engine.freePortPairs(CONFIG.localAddress(), CONFIG.minPort(), CONFIG.maxPort());
    }
}
