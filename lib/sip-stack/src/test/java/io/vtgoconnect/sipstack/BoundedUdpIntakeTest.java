package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.SipProbe;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.RequestEvent;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** A UDP flood that the stack's thread cannot keep up with, on a real socket, into an endpoint with a bounded intake. */
class BoundedUdpIntakeTest {
    private static final int MAX_WAITING = 200;
    private static final int FLOOD = 3 * MAX_WAITING;

    @Test
    void aFloodWhileTheStacksThreadIsBusyWaitsAtMostItsShareOfTheLimitTheRestIsCountedAndTheEndpointAnswersAfterwards() throws Exception {
        int port = FreePorts.udpAndTcp();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Blocking listener = new Blocking(busy, release, handled);
        listener.endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), listener, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES,
                MAX_WAITING, Map.of(), Optional.empty(), TcpLimits.DEFAULT);
        try (SipEndpoint endpoint = listener.endpoint; DatagramSocket peer = new DatagramSocket(0)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            send(peer, server, "first");
            assertTrue(busy.await(30, TimeUnit.SECONDS), "the first request reached the listener");
            // Paced so that the socket's own buffer never overflows: every datagram reaches the intake,
            // which then alone decides what waits and what is dropped.
            for (int i = 0; i < FLOOD; i++) {
                long before = endpoint.datagramsWaiting() + endpoint.datagramsDropped();
                send(peer, server, "flood" + i);
                awaitCount(() -> endpoint.datagramsWaiting() + endpoint.datagramsDropped(), before + 1);
            }
            // New requests take at most three quarters of the room; the rest is kept for dialogs.
            long waitingRoom = MAX_WAITING - MAX_WAITING / 4;
            assertEquals(waitingRoom, endpoint.datagramsWaiting(), "flood requests waiting");
            assertEquals(FLOOD - waitingRoom, endpoint.datagramsDropped(), "flood requests counted as dropped");
            release.countDown();

            // The queue is handled in order: once the last request is answered, every queued one was handled.
            assertTrue(answered(peer, server, "last", port), "the endpoint answers after the flood, from its listening port");
            assertTrue(handled.get() >= 1 + waitingRoom && handled.get() <= MAX_WAITING, handled.get() + " requests handled, of "
                    + (1 + FLOOD) + " sent and " + (1 + waitingRoom) + " let in");
        }
    }

    @Test
    void pastThreeQuartersOfTheRoomNewRequestsAreDroppedWhileTheRequestsOfDialogsStillGetIn() throws Exception {
        int port = FreePorts.udpAndTcp();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Blocking listener = new Blocking(busy, release, handled);
        int room = 8;
        listener.endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), listener, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES,
                room, Map.of(), Optional.empty(), TcpLimits.DEFAULT);
        try (SipEndpoint endpoint = listener.endpoint; DatagramSocket peer = new DatagramSocket(0)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            send(peer, server, "first");
            assertTrue(busy.await(30, TimeUnit.SECONDS), "the first request reached the listener");
            // One at a time, each seen waiting (or dropped) before the next: the socket's buffer never fills.
            for (int i = 0; i < room; i++) {
                long before = endpoint.datagramsWaiting() + endpoint.datagramsDropped();
                send(peer, server, "new" + i);
                awaitCount(() -> endpoint.datagramsWaiting() + endpoint.datagramsDropped(), before + 1);
            }
            assertEquals(room - room / 4, endpoint.datagramsWaiting(), "new requests waiting");
            assertEquals(room / 4, endpoint.datagramsDropped(), "new requests dropped");
            for (int i = 0; i < room / 4; i++) {
                byte[] bye = request(peer, server, "bye" + i).clone();
                String text = new String(bye, StandardCharsets.US_ASCII).replace("OPTIONS", "BYE");
                peer.send(new DatagramPacket(text.getBytes(StandardCharsets.US_ASCII), text.length(), server));
                awaitCount(endpoint::datagramsWaiting, room - room / 4 + i + 1);
            }
            assertEquals(room / 4, endpoint.datagramsDropped(), "no BYE dropped");
            send(peer, server, "one-too-many");
            awaitCount(endpoint::datagramsDropped, room / 4 + 1);
            release.countDown();
        }
    }

    /** Waits, with a deadline, until the count reaches the value. */
    private static void awaitCount(java.util.function.LongSupplier count, long value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count.getAsLong() < value) {
            assertTrue(System.nanoTime() < deadline, "the count stayed at " + count.getAsLong() + ", below " + value);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void send(DatagramSocket peer, InetSocketAddress server, String branch) throws IOException {
        byte[] options = request(peer, server, branch);
        peer.send(new DatagramPacket(options, options.length, server));
    }

    private static byte[] request(DatagramSocket peer, InetSocketAddress server, String branch) {
        return SipProbe.options(server.getPort(), peer.getLocalPort(), branch);
    }

    /**
     * Sends the request every second (as a UAC retransmits) until its 200 comes back from the
     * endpoint's listening port, for up to 30 s.
     */
    private static boolean answered(DatagramSocket peer, InetSocketAddress server, String branch, int listeningPort)
            throws IOException {
        peer.setSoTimeout(1000);
        byte[] buffer = new byte[65536];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            send(peer, server, branch);
            try {
                while (true) {
                    DatagramPacket response = new DatagramPacket(buffer, buffer.length);
                    peer.receive(response);
                    String text = new String(buffer, 0, response.getLength(), StandardCharsets.US_ASCII);
                    if (text.contains("branch=z9hG4bK" + branch + "\r\n") || text.contains("branch=z9hG4bK" + branch + ";")) {
                        return response.getPort() == listeningPort;
                    }
                }
            } catch (SocketTimeoutException notYet) {
                // Sent again.
            }
        }
        return false;
    }

    /** Holds the stack's thread in the first request until released; answers every request 200. */
    private static final class Blocking implements RequestListener {
        private final CountDownLatch busy;
        private final CountDownLatch release;
        private final AtomicInteger handled;
        private SipEndpoint endpoint;

        Blocking(CountDownLatch busy, CountDownLatch release, AtomicInteger handled) {
            this.busy = busy;
            this.release = release;
            this.handled = handled;
        }

        @Override
        public void processRequest(RequestEvent event) {
            handled.incrementAndGet();
            try {
                if (busy.getCount() > 0) {
                    busy.countDown();
                    release.await(60, TimeUnit.SECONDS);
                }
                endpoint.provider().sendResponse(endpoint.messages.createResponse(Response.OK, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
