package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two sessions of one engine talking over real UDP sockets on 127.0.0.1. */
class RtpSessionTest {
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(31000, 31999)
            .withRtcpInterval(Duration.ofMillis(200));

    private final MediaEngine engine = new MediaEngine();
    private final RecordingSink heardByA = new RecordingSink();
    private final RecordingSink heardByB = new RecordingSink();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void aOneKilohertzToneCrossesAndBothSidesAgreeOnTheCount() throws IOException {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        connect(a, b);
        a.setSource(new ToneSource(8000, 1000));
        b.setSource(new ToneSource(8000, 1000));
        Await.until("a second of packets each way",
                () -> received(a) >= 50 && received(b) >= 50);
        Await.until("RTCP reports with a round trip each way",
                () -> hasRoundTrip(a.statistics()) && hasRoundTrip(b.statistics()));
        stopAndSettle(a, b);

        MediaStatistics atA = a.statistics();
        MediaStatistics atB = b.statistics();
        assertEquals(atA.packetsSent(), atB.packetsReceived());
        assertEquals(atB.packetsSent(), atA.packetsReceived());
        assertEquals(atA.bytesSent(), atB.bytesReceived());
        assertEquals(160 * atA.packetsSent(), atA.bytesSent());
        assertEquals(0, atA.lost());
        assertEquals(0, atB.lost());
        assertEquals(0, atA.farEnd().lost());
        assertEquals("G711u:20ms", atA.codec());
        assertEquals(a.localRtpAddress(), atA.localRtp());
        assertEquals(a.localRtpAddress().getPort() + 1, atA.localRtcp().getPort());
        assertEquals(b.localRtpAddress(), atA.remoteRtp());
        assertEquals(b.localRtpAddress().getPort() + 1, atA.remoteRtcp().getPort());
        assertTrue(atA.callLength().toMillis() >= 1000);
        assertTrue(atA.jitterMillis() < 20, "jitter " + atA.jitterMillis());
        assertTrue(atA.mos() > 4 || atA.discarded() > 0, "MOS " + atA.mos() + " with nothing lost or late");

        short[] heard = heardByB.samples();
        assertTrue(heardByB.audibleFrames() >= 40);
        assertTrue(Goertzel.dominates(heard, 1000, 400, 700, 1400, 2000, 3000), "B hears 1 kHz");
    }

    @Test
    void aLossyLinkIsCountedAsLostAndSymmetricRtpAnswersThroughIt() throws Exception {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        try (UdpRelay relay = new UdpRelay(b.localRtpAddress(), 10)) {
            // Only A knows where to send; B learns its peer from the packets it receives.
            a.setRemote(relay.callerSide());
            a.setSource(new ToneSource(8000, 1000));
            b.setSource(new ToneSource(8000, 500));
            Await.until("60 packets through the relay and some back", () -> received(b) >= 60 && received(a) >= 10);
            assertEquals(relay.calleeSide(), b.statistics().remoteRtp());
            stopAndSettle(a, b, relay);
            MediaStatistics atB = b.statistics();
            assertTrue(relay.dropped() >= 6);
            assertEquals(relay.droppedBeforeLastForwarded(), atB.lost());
            assertEquals(a.statistics().packetsSent(), atB.packetsReceived() + relay.dropped());
            assertTrue(atB.mos() < a.statistics().mos(), "loss lowers the MOS");
        }
    }

    @Test
    void jitterIsTimedOnArrivalNotOnTheTickThatTakesThePacket() throws IOException {
        RtpSession b = open(heardByB);
        try (DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            // Frames 20 ms apart in RTP time arrive 10 and 30 ms apart in turn: each |D| is 10 ms, and
            // so is the jitter (RFC 3550 A.8). Timed by the tick that takes them, they would look on time.
            ByteBuffer packet = ByteBuffer.allocate(12 + 160);
            long start = System.nanoTime();
            int frames = 150;
            for (int n = 0; n < frames; n++) {
                long due = start + (n * 20L + (n % 2) * 10) * 1_000_000;
                for (long now; (now = System.nanoTime()) < due;) {
                    LockSupport.parkNanos(due - now);
                }
                packet.clear();
                packet.put((byte) 0x80).put((byte) 0).putShort((short) n).putInt(n * 160).putInt(0x1234);
                while (packet.hasRemaining()) {
                    packet.put((byte) 0xFF);
                }
                sender.send(packet.flip(), b.localRtpAddress());
            }
            Await.until("every frame received", () -> received(b) == frames);
        }
        MediaStatistics atB = b.statistics();
        assertEquals(0, atB.lost());
        assertTrue(atB.jitterMillis() > 6 && atB.jitterMillis() < 15, "jitter " + atB.jitterMillis() + " ms, not 10");
    }

    @Test
    void aRelayedDatagramLeavesWithItsPayloadAsItCameWhateverTheLengthOfTheOneBeforeAndTheEngineCountsIt()
            throws IOException {
        RtpSession inbound = engine.open(CONFIG);
        RtpSession outbound = engine.open(CONFIG);
        // Both ways, as the call server bridges two legs: then neither sends frames of its own.
        inbound.relayTo(outbound);
        outbound.relayTo(inbound);
        try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            callee.setSoTimeout(10_000);
            outbound.setRemote((InetSocketAddress) callee.getLocalSocketAddress());
            // Long and short in turn: a short one must not leave with the tail of the long one before it.
            byte[][] sent = new byte[20][];
            for (int n = 0; n < sent.length; n++) {
                sent[n] = packet(n, n * 160, 0x1234, n % 2 == 0 ? 160 : 40);
                caller.send(new DatagramPacket(sent[n], sent[n].length, inbound.localRtpAddress()));
            }
            List<byte[]> relayed = receive(callee, sent.length);
            for (int n = 0; n < sent.length; n++) {
                assertArrayEquals(Arrays.copyOfRange(sent[n], 12, sent[n].length),
                        Arrays.copyOfRange(relayed.get(n), 12, relayed.get(n).length), "datagram " + n);
                assertEquals(sent[n][1], relayed.get(n)[1], "marker and payload type of datagram " + n);
            }
            assertOneStream(relayed, 160);
            assertTrue(ssrc(relayed.get(0)) != 0x1234, "the relayed source's SSRC is the outbound session's");
            // The receive thread counts a packet once its send returns, which may be after the callee has read it.
            Await.until("the engine to count the packets it relayed", () -> engine.packetsSent() >= sent.length);
            assertEquals(sent.length, engine.packetsSent(), "the engine's count of packets sent, while the call lasts");
            inbound.close();
            outbound.close();
            assertEquals(sent.length, engine.packetsSent(), "the engine's count of packets sent, once the call ended");
        }
    }

    @Test
    void aSessionThatSentFramesOfItsOwnRelaysInTheSameStream() throws IOException {
        RtpSession inbound = engine.open(CONFIG);
        RtpSession outbound = engine.open(CONFIG);
        try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            callee.setSoTimeout(10_000);
            // As the call server's leg to a callee that answered, in the moment before the bridge relays.
            outbound.setRemote((InetSocketAddress) callee.getLocalSocketAddress());
            List<byte[]> own = receive(callee, 3);
            inbound.relayTo(outbound);
            outbound.relayTo(inbound);
            // The relayed source numbers its packets below the outbound session's, whatever they are.
            int below = (sequence(own.get(2)) - 1000) & 0xFFFF;
            for (int n = 0; n < 10; n++) {
                byte[] packet = packet((below + n) & 0xFFFF, 5000 + n * 160, 0x1234, 160);
                caller.send(new DatagramPacket(packet, packet.length, inbound.localRtpAddress()));
            }
            List<byte[]> heard = new ArrayList<>(own);
            List<byte[]> relayed = new ArrayList<>();
            while (relayed.size() < 10) {
                byte[] packet = receive(callee, 1).get(0);
                heard.add(packet);
                if (packet[12] == 0x12 && packet.length == 12 + 160) {
                    relayed.add(packet);
                }
            }
            assertOneStream(heard, -1);
            assertTrue(Long.compareUnsigned(timestamp(relayed.get(0)), timestamp(own.get(2))) > 0,
                    "the relayed packets' RTP time goes on from the frames before them");
        }
    }

    /** An RTP packet whose payload bytes are all 0x12. */
    private static byte[] packet(int sequence, long timestamp, int ssrc, int payload) {
        ByteBuffer packet = ByteBuffer.allocate(12 + payload);
        packet.put((byte) 0x80).put((byte) 0).putShort((short) sequence).putInt((int) timestamp).putInt(ssrc);
        while (packet.hasRemaining()) {
            packet.put((byte) 0x12);
        }
        return packet.array();
    }

    private static List<byte[]> receive(DatagramSocket socket, int count) throws IOException {
        List<byte[]> packets = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            socket.receive(packet);
            packets.add(Arrays.copyOfRange(packet.getData(), 0, packet.getLength()));
        }
        return packets;
    }

    /** One SSRC, each sequence number the one before plus one, and the RTP time that step each (if not -1). */
    private static void assertOneStream(List<byte[]> packets, long step) {
        for (int n = 1; n < packets.size(); n++) {
            assertEquals(ssrc(packets.get(0)), ssrc(packets.get(n)), "SSRC of packet " + n);
            assertEquals((sequence(packets.get(n - 1)) + 1) & 0xFFFF, sequence(packets.get(n)), "sequence number of packet " + n);
            if (step >= 0) {
                assertEquals((timestamp(packets.get(n - 1)) + step) & 0xFFFFFFFFL, timestamp(packets.get(n)),
                        "RTP time of packet " + n);
            }
        }
    }

    private static int sequence(byte[] packet) {
        return ByteBuffer.wrap(packet).getShort(2) & 0xFFFF;
    }

    private static long timestamp(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(4) & 0xFFFFFFFFL;
    }

    private static long ssrc(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(8) & 0xFFFFFFFFL;
    }

    @Test
    void aStalledClockMovesTheStreamsRtpTimeOnSoThatWhatFollowsIsOnTimeAtTheFarEnd() throws IOException {
        RtpSession a = engine.open(CONFIG);
        // The sink holds the clock thread 300 ms at the 25th frame, as a long GC pause would.
        int[] frames = {0};
        a.setSink((samples, count) -> {
            if (++frames[0] == 25) {
                long until = System.nanoTime() + 300_000_000L;
                for (long now; (now = System.nanoTime()) < until;) {
                    LockSupport.parkNanos(until - now);
                }
            }
        });
        try (DatagramSocket farEnd = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            farEnd.setSoTimeout(5000);
            a.setRemote((InetSocketAddress) farEnd.getLocalSocketAddress());
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            long firstArrival = 0;
            long firstTimestamp = 0;
            long longestGapNanos = 0;
            long previousArrival = 0;
            // How far each packet arrives behind its RTP time, at best over the last 10 (scheduling only ever adds to it).
            long leastBehindMillis = Long.MAX_VALUE;
            int count = 75;
            for (int n = 0; n < count; n++) {
                farEnd.receive(packet);
                long arrival = System.nanoTime();
                long timestamp = ByteBuffer.wrap(packet.getData(), 4, 4).getInt() & 0xFFFFFFFFL;
                if (n == 0) {
                    firstArrival = arrival;
                    firstTimestamp = timestamp;
                } else {
                    longestGapNanos = Math.max(longestGapNanos, arrival - previousArrival);
                }
                previousArrival = arrival;
                if (n >= count - 10) {
                    long behind = (arrival - firstArrival) / 1_000_000 - ((timestamp - firstTimestamp) & 0xFFFFFFFFL) / 8;
                    leastBehindMillis = Math.min(leastBehindMillis, behind);
                }
            }
            assertTrue(longestGapNanos >= 250_000_000L, "the clock never stalled: longest gap " + longestGapNanos / 1_000_000 + " ms");
            assertTrue(leastBehindMillis < 100, "after the stall the stream stays " + leastBehindMillis + " ms behind its RTP time");
        }
    }

    @Test
    void digitsArriveInOrderOnceEach() throws IOException, InterruptedException {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        connect(a, b);
        StringBuffer digits = new StringBuffer();
        CountDownLatch fiveDigits = new CountDownLatch(5);
        b.setDtmfListener(digit -> {
            digits.append(digit);
            fiveDigits.countDown();
        });
        a.sendDigits("2004#");
        assertTrue(fiveDigits.await(10, TimeUnit.SECONDS), "digits so far: " + digits);
        // The last digit's end packets and some audio after them.
        long sentByA = a.statistics().packetsSent();
        Await.until("the last event to end", () -> received(b) >= sentByA + 10);
        assertEquals("2004#", digits.toString());
    }

    @Test
    void holdStopsTheFlowInTheRightDirection() throws IOException {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        connect(a, b);
        a.setSource(new ToneSource(8000, 1000));
        b.setSource(new ToneSource(8000, 1000));
        Await.until("audio both ways", () -> heardByA.audibleFrames() > 5 && heardByB.audibleFrames() > 5);

        // A holds: it sends (music on hold) and no longer plays; B only receives.
        a.setDirection(MediaDirection.SENDONLY);
        b.setDirection(MediaDirection.RECVONLY);
        heardByA.awaitFrames(3);
        long bSent = b.statistics().packetsSent();
        Await.until("B's last packets to land", () -> received(a) == bSent);
        long aHeard = heardByA.audibleFrames();
        long bReceived = received(b);
        Await.until("A's audio to keep reaching B", () -> received(b) >= bReceived + 15);
        assertEquals(bSent, b.statistics().packetsSent(), "B sends nothing to a sendonly peer");
        assertEquals(aHeard, heardByA.audibleFrames(), "A plays nothing on hold");

        a.setDirection(MediaDirection.INACTIVE);
        b.setDirection(MediaDirection.INACTIVE);
        heardByA.awaitFrames(3);
        long aSent = a.statistics().packetsSent();
        Await.until("A's last packets to land", () -> received(b) == aSent);
        heardByA.awaitFrames(15);
        assertEquals(aSent, a.statistics().packetsSent(), "inactive: A sends nothing");
        assertEquals(aSent, received(b), "inactive: B receives nothing");

        a.setDirection(MediaDirection.SENDRECV);
        b.setDirection(MediaDirection.SENDRECV);
        long aHeardBefore = heardByA.audibleFrames();
        long bHeardBefore = heardByB.audibleFrames();
        Await.until("audio both ways after resume",
                () -> heardByA.audibleFrames() > aHeardBefore + 5 && heardByB.audibleFrames() > bHeardBefore + 5);
    }

    @Test
    void muteSendsSilenceAndKeepsTheStreamGoing() throws IOException {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        connect(a, b);
        a.setSource(new ToneSource(8000, 1000));
        Await.until("audio", () -> heardByB.audibleFrames() > 5);
        a.setMuted(true);
        heardByB.awaitFrames(3);
        long sentAudible = a.statistics().packetsSent();
        Await.until("the last audible packets to play", () -> received(b) >= sentAudible + 5);
        long heard = heardByB.audibleFrames();
        long received = received(b);
        Await.until("15 silent packets", () -> received(b) >= received + 15);
        heardByB.awaitFrames(5);
        assertEquals(heard, heardByB.audibleFrames());
    }

    @Test
    void levelsReadTheToneEachWayAndTheFloorWhereThereIsNone() throws IOException {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        connect(a, b);
        double[] silence = {AudioLevel.FLOOR, AudioLevel.FLOOR};
        AtomicReference<double[]> atA = new AtomicReference<>(silence);
        AtomicReference<double[]> atB = new AtomicReference<>(silence);
        a.setLevelListener((sent, received) -> atA.set(new double[] {sent, received}));
        b.setLevelListener((sent, received) -> atB.set(new double[] {sent, received}));
        a.setSource(new ToneSource(8000, 1000));
        Await.until("A's tone read as sent by A and received by B", () -> atA.get()[0] > -40 && atB.get()[1] > -40);
        assertEquals(AudioLevel.FLOOR, atB.get()[0], "B sends silence");
        a.setMuted(true);
        Await.until("A's sent level to fall to the floor once muted", () -> atA.get()[0] == AudioLevel.FLOOR);
        Await.until("B's received level to fall to the floor", () -> atB.get()[1] == AudioLevel.FLOOR);
    }

    @Test
    void aSessionThatPlaysIntoNothingHearsTheFarEndOnceASinkIsSetAndThenItsLevels() throws IOException {
        RtpSession a = open(heardByA);
        RtpSession b = open(AudioSink.discard());
        connect(a, b);
        a.setSource(new ToneSource(8000, 1000));
        // Nothing hears B's audio (a farm's phone): it is received and counted, not decoded.
        Await.until("a second of A's tone received by B", () -> received(b) >= 50);
        b.setSink(heardByB);
        heardByB.awaitFrames(25);
        assertTrue(heardByB.audibleFrames() >= 20, "B hears A from the frame its sink is set");
        assertTrue(Goertzel.dominates(heardByB.samples(), 1000, 400, 700, 1400, 2000, 3000), "B hears 1 kHz");
        b.setSink(AudioSink.discard());
        AtomicReference<Double> heardLevel = new AtomicReference<>(AudioLevel.FLOOR);
        b.setLevelListener((sent, received) -> heardLevel.set(received));
        Await.until("B's received level to read A's tone while it plays into nothing", () -> heardLevel.get() > -40);
    }

    @Test
    void openingASessionMakesNoBuffersToSendOrPlayFromUntilItDoes() throws IOException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        // The engine's threads and what every session shares, made once.
        engine.open(CONFIG).close();
        int pairs = 100;
        List<RtpSession> relaying = new ArrayList<>(2 * pairs);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < pairs; i++) {
            RtpSession a = engine.open(CONFIG);
            RtpSession b = engine.open(CONFIG);
            a.relayTo(b);
            b.relayTo(a);
            relaying.add(a);
            relaying.add(b);
        }
        long perSession = (threads.getCurrentThreadAllocatedBytes() - before) / (2 * pairs);
        // Its sockets and its state, about 3.7 KB; the buffers a relaying session never uses took 6 KB more.
        assertTrue(perSession < 6000, perSession + " bytes a session");
        relaying.forEach(RtpSession::close);
    }

    @Test
    void closeReleasesThreadsAndPortsAtOnce() throws IOException {
        RtpSession a = open(heardByA);
        RtpSession b = open(heardByB);
        connect(a, b);
        Await.until("packets each way", () -> received(a) >= 5 && received(b) >= 5);
        InetSocketAddress aRtp = a.localRtpAddress();
        InetSocketAddress bRtp = b.localRtpAddress();
        a.close();
        b.close();
        a.close();

        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith("vtgo-media-")),
                "media threads left");
        for (InetSocketAddress rtp : Arrays.asList(aRtp, bRtp)) {
            try (DatagramChannel rtpAgain = DatagramChannel.open().bind(rtp);
                    DatagramChannel rtcpAgain = DatagramChannel.open()
                            .bind(new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1))) {
                assertNotNull(rtpAgain.getLocalAddress());
                assertNotNull(rtcpAgain.getLocalAddress());
            }
        }
        try (RtpSession again = engine.open(CONFIG)) {
            assertNotNull(again.localRtpAddress(), "the engine starts its threads again");
        }
    }

    private RtpSession open(AudioSink sink) throws IOException {
        RtpSession session = engine.open(CONFIG);
        session.setSink(sink);
        return session;
    }

    private static void connect(RtpSession a, RtpSession b) {
        a.setRemote(b.localRtpAddress());
        b.setRemote(a.localRtpAddress());
    }

    private static long received(RtpSession session) {
        return session.statistics().packetsReceived();
    }

    private static boolean hasRoundTrip(MediaStatistics statistics) {
        return statistics.farEnd() != null && statistics.farEnd().roundTrip() != null;
    }

    /** Stops both senders, lets a few ticks pass so none is mid-send, and waits for what is in flight. */
    private void stopAndSettle(RtpSession a, RtpSession b) {
        a.setDirection(MediaDirection.INACTIVE);
        b.setDirection(MediaDirection.INACTIVE);
        heardByA.awaitFrames(3);
        Await.until("every packet sent to arrive", () -> received(b) == a.statistics().packetsSent()
                && received(a) == b.statistics().packetsSent());
    }

    private void stopAndSettle(RtpSession a, RtpSession b, UdpRelay relay) {
        a.setDirection(MediaDirection.INACTIVE);
        b.setDirection(MediaDirection.INACTIVE);
        heardByA.awaitFrames(3);
        Await.until("every packet sent to arrive or be dropped",
                () -> received(b) + relay.dropped() == a.statistics().packetsSent());
    }
}
