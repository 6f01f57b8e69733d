package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a peer can make an endpoint hold or print, tried on real sockets: lies, oversized messages, garbage. */
class SipEndpointLimitsTest {
    private static final int LIMIT = 16 * 1024;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger peerFaults = Logger.getLogger("io.vtgoconnect.sipstack.PeerFaults");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
            assertEquals(null, record.getThrown(), "a dropped message is logged without its exception");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ByteArrayOutputStream standardError = new ByteArrayOutputStream();
    private PrintStream originalError;
    private SipEndpoint endpoint;
    private int port;

    @BeforeEach
    void open() throws Exception {
        peerFaults.addHandler(capture);
        peerFaults.setUseParentHandlers(false);
        originalError = System.err;
        System.setErr(new PrintStream(standardError, true, StandardCharsets.UTF_8));
        port = FreePorts.udpAndTcp();
        endpoint = Answering.open(port, LIMIT, received);
    }

    @AfterEach
    void close() {
        endpoint.close();
        System.setErr(originalError);
        peerFaults.removeHandler(capture);
        peerFaults.setUseParentHandlers(true);
        assertEquals("", standardError.toString(StandardCharsets.UTF_8), "nothing a peer sent reaches standard error");
    }

    /** Answers each request 200 and keeps it in {@code received}. */
    private static final class Answering implements MessageListener {
        private final List<Request> received;
        private SipEndpoint endpoint;

        Answering(List<Request> received) {
            this.received = received;
        }

        /** Opens an endpoint on the port that answers this way. */
        static SipEndpoint open(int port, int maxMessageBytes, List<Request> received) throws javax.sip.SipException {
            Answering answering = new Answering(received);
            answering.endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), answering, maxMessageBytes);
            return answering.endpoint;
        }

        @Override
        public void processRequest(RequestEvent event) {
            received.add(event.getRequest());
            try {
                endpoint.provider().sendResponse(endpoint.messages.createResponse(Response.OK, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }
    }

    private String options(String transport, String branch, int contentLength, String extraHeaders) {
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:9;branch=z9hG4bK" + branch + "\r\n"
                + "From: <sip:attacker@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n" + extraHeaders + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** Sends the datagram and returns the first line of the answer, or "" when none came within two seconds. */
    private String udp(String message) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(2000);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
            byte[] answer = new byte[65536];
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException none) {
                return "";
            }
            return new String(answer, 0, packet.getLength(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        }
    }

    /** Whether the endpoint closes the connection within the read timeout and two seconds more, after the bytes. */
    private static boolean closedAfter(Socket socket, byte[]... parts) throws IOException {
        socket.setSoTimeout(SipEndpoint.READ_TIMEOUT_MILLIS + 2000);
        OutputStream out = socket.getOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an answer before the close is allowed
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void aTcpContentLengthOfAGigabyteClosesTheConnectionAndHoldsNoMemory() throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket(LOOPBACK, port)) {
                assertTrue(closedAfter(socket, options("TCP", "lie" + i, 1_000_000_000, "").getBytes(StandardCharsets.US_ASCII),
                        "short".getBytes(StandardCharsets.US_ASCII)), "connection " + i + " closed");
            }
        }
        System.gc();
        long grown = runtime.totalMemory() - runtime.freeMemory() - usedBefore;

        assertTrue(grown < 32L << 20, "heap grew by " + (grown >> 20) + " MB");
        assertEquals("SIP/2.0 200 OK", udp(options("UDP", "alive", 0, "")), "the endpoint still answers");
        assertTrue(received.stream().noneMatch(request -> request.getHeader("Call-ID").toString().contains("lie")));
    }

    @Test
    void aTcpHeaderBlockLargerThanTheLimitClosesTheConnection() throws Exception {
        String padding = "X-Padding: " + "a".repeat(1000) + "\r\n";
        try (Socket socket = new Socket(LOOPBACK, port)) {
            assertTrue(closedAfter(socket, options("TCP", "headers", 0, padding.repeat(2 * LIMIT / 1000))
                    .getBytes(StandardCharsets.US_ASCII)));
        }
        assertTrue(received.isEmpty(), received::toString);
    }

    @Test
    void aTcpPeerThatStopsSendingMidMessageIsClosedAfterTheReadTimeout() throws Exception {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            assertTrue(closedAfter(socket, "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9".getBytes(
                    StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void aDatagramLargerThanTheLimitIsNotDeliveredAndIsLoggedOnce() throws Exception {
        String padding = "X-Padding: " + "a".repeat(1000) + "\r\n";
        String large = options("UDP", "large", 0, padding.repeat(LIMIT / 1000 + 1));

        String answer = udp(large);
        udp(large);

        assertTrue(answer.isEmpty() || answer.startsWith("SIP/2.0 400"), answer);
        assertTrue(received.isEmpty(), received::toString);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("from 127.0.0.1 over UDP") && warnings.get(0).contains("more than the limit"), warnings::toString);
    }

    @Test
    void garbageIsDroppedInOneLineASourceWithoutItsBytes() throws Exception {
        String secret = "Authorization: Digest username=\"2001\", response=\"0123456789abcdef\"\r\n";
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i <= 50; i++) {
                byte[] bytes = (i == 50 ? "\u0000\u0001\u0002 not SIP at all"
                        : "INVITE sip:x SIP/2.0\r\nVia: garbage-" + i + "\r\n" + secret + "\r\n").getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
            }
        }

        assertEquals("SIP/2.0 200 OK", udp(options("UDP", "alive", 0, "")), "the endpoint still answers");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.stream().noneMatch(line -> line.contains("0123456789abcdef") || line.contains("garbage")),
                warnings::toString);
    }

    @Test
    void twoEndpointsStartedAtOnceEachStopOnlyTheirOwnThreads() throws Exception {
        int otherPort = FreePorts.udpAndTcp();
        int thirdPort = FreePorts.udpAndTcp();
        CompletableFuture<SipEndpoint> other = CompletableFuture.supplyAsync(() -> openQuietly(otherPort));
        CompletableFuture<SipEndpoint> third = CompletableFuture.supplyAsync(() -> openQuietly(thirdPort));
        third.join().close();
        try (SipEndpoint running = other.join()) {
            // The third's close interrupted none of the first's or the other's threads: both still answer.
            assertEquals("SIP/2.0 200 OK", udp(options("UDP", "first", 0, "")));
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                socket.setSoTimeout(2000);
                byte[] bytes = options("UDP", "other", 0, "").replace(":" + port, ":" + otherPort)
                        .getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, otherPort));
                DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                socket.receive(packet);
                assertTrue(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).startsWith("SIP/2.0 200"));
            }
        }
    }

    private static SipEndpoint openQuietly(int otherPort) {
        try {
            return Answering.open(otherPort, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES, new CopyOnWriteArrayList<>());
        } catch (javax.sip.SipException e) {
            throw new IllegalStateException(e);
        }
    }
}
