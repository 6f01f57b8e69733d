package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.sipstack.MediaAgreement;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The phones of a runtime open their calls' RTP sessions on one shared engine, each in its own
 * port range: a phone that stops ends only its own calls' media, and the engine's threads end
 * {@link SharedMedia#LINGER} after the last session of any phone.
 */
class SharedMediaTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int FIRST_MIN = 17100;
    private static final int FIRST_MAX = 17109;
    private static final int SECOND_MIN = 17110;
    private static final int SECOND_MAX = 17119;
    private static final int PAIRS = 5;
    private static final int RECEIVE_TIMEOUT_MILLIS = 5000;
    private static final long POLL_NANOS = 10_000_000;

    private final Set<String> mediaThreadsBefore = mediaThreads();
    private final SharedMedia shared = new SharedMedia();
    private final MediaEngine engine = shared.engine();
    private final PhoneMedia first = phone(FIRST_MIN, FIRST_MAX);
    private final PhoneMedia second = phone(SECOND_MIN, SECOND_MAX);
    private final DatagramSocket farEnd = farEnd();

    @AfterEach
    void closeAll() {
        first.close();
        second.close();
        farEnd.close();
        shared.close();
    }

    @Test
    void aPhoneThatStopsEndsOnlyItsOwnCallsAndTheEngineThreadsEndALingerAfterTheLastCall() throws IOException {
        CallMedia firstCall = call(first, 1);
        CallMedia secondCall = call(second, 2);
        assertEquals(PAIRS - 1, engine.freePortPairs(LOOPBACK, FIRST_MIN, FIRST_MAX));
        assertEquals(PAIRS - 1, engine.freePortPairs(LOOPBACK, SECOND_MIN, SECOND_MAX));
        awaitPacketsFrom(firstCall.port(), 5);
        awaitPacketsFrom(secondCall.port(), 5);

        first.close();

        assertEquals(PAIRS, engine.freePortPairs(LOOPBACK, FIRST_MIN, FIRST_MAX), "the stopped phone's ports are free");
        assertEquals(PAIRS - 1, engine.freePortPairs(LOOPBACK, SECOND_MIN, SECOND_MAX));
        drain();
        for (int port : awaitPacketsFrom(secondCall.port(), 10)) {
            assertNotEquals(firstCall.port(), port, "the stopped phone still sends");
        }
        assertNotEquals(mediaThreadsBefore, mediaThreads(), "the other phone's call runs on the engine's threads");

        second.close();

        long lastCallEnded = System.nanoTime();

        assertEquals(PAIRS, engine.freePortPairs(LOOPBACK, SECOND_MIN, SECOND_MAX));
        long deadline = lastCallEnded + SharedMedia.LINGER.toNanos() + RecordingListener.TIMEOUT.toNanos();
        while (!mediaThreads().equals(mediaThreadsBefore)) {
            if (System.nanoTime() > deadline) {
                fail("the engine's threads still run " + SharedMedia.LINGER.toSeconds() + " s after the last call: "
                        + mediaThreads());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        assertTrue(System.nanoTime() - lastCallEnded >= SharedMedia.LINGER.toNanos(),
                "the engine's threads ended before their linger");
    }

    private PhoneMedia phone(int rtpMin, int rtpMax) {
        return PhoneMedia.of(Configs.phone(0, "rtp_port_min", rtpMin, "rtp_port_max", rtpMax), LOOPBACK, engine,
                TestLogs.FACTORY.getLogger(CallMedia.class));
    }

    /** A call's media, sending to the far end from now on. */
    private CallMedia call(PhoneMedia phone, long ref) {
        CallMedia media = phone.open(new CallRef(ref), MediaAgreement.firstChoice(List.of("PCMU")), digit -> {
        }, null, ErrorCode.ERROR_MAKE_CALL);
        media.session().setRemote((InetSocketAddress) farEnd.getLocalSocketAddress());
        return media;
    }

    private static DatagramSocket farEnd() {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The source ports of what the far end received until {@code count} packets came from {@code port}. */
    private List<Integer> awaitPacketsFrom(int port, int count) throws IOException {
        List<Integer> sources = new ArrayList<>();
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        while (sources.stream().filter(source -> source == port).count() < count) {
            farEnd.receive(packet);
            sources.add(packet.getPort());
        }
        return sources;
    }

    /** Takes what the far end received so far. */
    private void drain() throws IOException {
        farEnd.setSoTimeout(1);
        try {
            while (true) {
                farEnd.receive(new DatagramPacket(new byte[1500], 1500));
            }
        } catch (SocketTimeoutException e) {
            farEnd.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        }
    }

    private static Set<String> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("vtgo-media-")).collect(Collectors.toSet());
    }
}
