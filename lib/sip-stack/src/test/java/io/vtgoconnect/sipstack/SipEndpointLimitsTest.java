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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sip.RequestEvent;
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
    private static final class Answering implements RequestListener {
        private final List<Request> received;
        private SipEndpoint endpoint;

        Answering(List<Request> received) {
            this.received = received;
        }

        /** Opens an endpoint on the port that answers this way. */
        static SipEndpoint open(int port, int maxMessageBytes, List<Request> received) throws javax.sip.SipException {
            return open(port, maxMessageBytes, received, TcpLimits.DEFAULT);
        }

        static SipEndpoint open(int port, int maxMessageBytes, List<Request> received, TcpLimits tcpLimits)
                throws javax.sip.SipException {
            Answering answering = new Answering(received);
            answering.endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), answering, maxMessageBytes, tcpLimits);
            return answering.endpoint;
        }

        /** Opens an endpoint as the call server opens its own: the listener called on the thread that reads each message. */
        static SipEndpoint openAsServer(int port, int maxMessageBytes, List<Request> received) throws javax.sip.SipException {
            Answering answering = new Answering(received);
            answering.endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), answering, maxMessageBytes, 100, Map.of(),
                    Optional.empty(), TcpLimits.DEFAULT);
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

    /** Sends the bytes and returns the first line of the answer, then "closed" once the endpoint closes, or "open" after the wait. */
    private static List<String> answerThenClose(Socket socket, long waitMillis, byte[]... parts) throws IOException {
        socket.setSoTimeout((int) waitMillis);
        OutputStream out = socket.getOutputStream();
        try {
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
        } catch (IOException closedWhileSending) {
            // The endpoint answered and closed before it had all: what it answered is read below.
        }
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII));
        List<String> lines = new java.util.ArrayList<>();
        try {
            String line = in.readLine();
            lines.add(line == null ? "" : line);
            while (line != null) {
                line = in.readLine();
            }
            lines.add("closed");
        } catch (SocketTimeoutException stillOpen) {
            lines.add("open");
        } catch (IOException reset) {
            lines.add("closed");
        }
        return lines;
    }

    @Test
    void aTcpContentLengthOfAGigabyteIsAnswered413AndClosedAndHoldsNoMemory() throws Exception {
        long usedBefore = usedHeap();
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket(LOOPBACK, port)) {
                long start = System.nanoTime();
                List<String> seen = answerThenClose(socket, 5000, options("TCP", "lie" + i, 1_000_000_000, "")
                        .getBytes(StandardCharsets.US_ASCII), "short".getBytes(StandardCharsets.US_ASCII));
                assertEquals(List.of("SIP/2.0 413 Request entity too large", "closed"), seen, "connection " + i);
                assertTrue(System.nanoTime() - start < 5_000_000_000L, "answered and closed at once");
            }
        }
        // An INVITE without a Contact is answered too: a response needs only what it copies.
        try (Socket socket = new Socket(LOOPBACK, port)) {
            List<String> seen = answerThenClose(socket, 5000, options("TCP", "invite", 1_000_000_000, "")
                    .replace("OPTIONS", "INVITE").getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("SIP/2.0 413 Request entity too large", "closed"), seen, "an INVITE");
        }
        long grown = usedHeap() - usedBefore;

        assertTrue(grown < 32L << 20, "heap grew by " + (grown >> 20) + " MB");
        assertEquals("SIP/2.0 200 OK", udp(options("UDP", "alive", 0, "")), "the endpoint still answers");
        assertTrue(received.stream().noneMatch(request -> request.getHeader("Call-ID").toString().contains("lie")));
    }

    @Test
    void aTcpRequestWhoseBodyWouldPassTheLimitIsAnswered413BeforeTheBodyIsRead() throws Exception {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            List<String> seen = answerThenClose(socket, 5000, options("TCP", "body", LIMIT, "").getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("SIP/2.0 413 Request entity too large", "closed"), seen);
        }
        try (Socket socket = new Socket(LOOPBACK, port)) {
            List<String> seen = answerThenClose(socket, 3000, options("TCP", "fits", 4, "").getBytes(StandardCharsets.US_ASCII),
                    "body".getBytes(StandardCharsets.US_ASCII));
            assertEquals("SIP/2.0 200 OK", seen.get(0), "a body within the limit is taken");
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("Content-Length of " + LIMIT + " bytes") && warnings.get(0).contains("answered 413"),
                warnings::toString);
    }

    @Test
    void aTcpHeaderBlockOfAMegabyteIsAnswered513AndClosedAtOnce() throws Exception {
        String padding = "X-Padding: " + "a".repeat(1000) + "\r\n";
        long usedBefore = usedHeap();
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket(LOOPBACK, port)) {
                long start = System.nanoTime();
                List<String> seen = answerThenClose(socket, 5000, options("TCP", "headers" + i, 0, padding.repeat(1000))
                        .getBytes(StandardCharsets.US_ASCII));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(List.of("SIP/2.0 513 Message Too Large", "closed"), seen, "connection " + i);
                assertTrue(millis < 2000, "answered and closed in " + millis + " ms");
                System.out.printf("TCP header block of 1 MB: %s, closed after %d ms%n", seen.get(0), millis);
            }
        }
        long grown = usedHeap() - usedBefore;

        assertTrue(grown < 32L << 20, "heap grew by " + (grown >> 20) + " MB");
        assertTrue(received.isEmpty(), received::toString);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("header block passed the limit of " + LIMIT) && warnings.get(0).contains("answered 513"),
                warnings::toString);
        assertEquals("SIP/2.0 200 OK", udp(options("UDP", "alive", 0, "")), "the endpoint still answers");
    }

    @Test
    void aTcpHeaderBlockJustUnderTheLimitIsTakenAndOneByteMoreIsAnswered513() throws Exception {
        String head = options("TCP", "edge", 0, "");
        String filler = "X-Padding: ";
        // The padding line goes before Content-Length: the block ends with "Content-Length: 0" CRLF CRLF as before.
        int room = LIMIT - head.length() - filler.length() - 2;
        String fits = options("TCP", "edge", 0, filler + "a".repeat(room) + "\r\n");
        String over = options("TCP", "over", 0, filler + "a".repeat(room + 1) + "\r\n");
        assertEquals(LIMIT, fits.length());

        try (Socket socket = new Socket(LOOPBACK, port)) {
            assertEquals("SIP/2.0 200 OK", answerThenClose(socket, 2000, fits.getBytes(StandardCharsets.US_ASCII)).get(0));
        }
        try (Socket socket = new Socket(LOOPBACK, port)) {
            assertEquals(List.of("SIP/2.0 513 Message Too Large", "closed"),
                    answerThenClose(socket, 5000, over.getBytes(StandardCharsets.US_ASCII)));
        }
        assertEquals(1, received.size(), received::toString);
    }

    @Test
    void messagesWithBodiesSentBackToBackOnOneConnectionAreEachAnswered() throws Exception {
        // Bodies with blank lines, and keep-alives between messages: each message is framed by its Content-Length.
        String body = "v=0\r\n\r\n\r\nX-Not-A-Header: 1\r\n";
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            stream.append(options("TCP", "pipelined" + i, body.length(), "Content-Type: application/sdp\r\n")).append(body)
                    .append(i % 5 == 0 ? "\r\n\r\n" : "");
        }
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(stream.toString().getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            int answered = 0;
            for (String line = in.readLine(); line != null && answered < 20; line = in.readLine()) {
                answered += line.equals("SIP/2.0 200 OK") ? 1 : 0;
            }
            assertEquals(20, answered);
        }
        assertEquals(20, received.size());
        assertEquals(body, new String(received.get(19).getRawContent(), StandardCharsets.US_ASCII));
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void aTcpPeerThatPipelinesRequestsAndReadsNoAnswerIsHeldBackAndHoldsLittleMemory() throws Exception {
        int serverPort = FreePorts.udpAndTcp();
        List<Request> taken = new CopyOnWriteArrayList<>();
        String padding = "X-Padding: " + "a".repeat(8000) + "\r\n";
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            batch.append(options("TCP", "pipelined" + i, 0, padding).replace(":" + port, ":" + serverPort));
        }
        byte[] bytes = batch.toString().getBytes(StandardCharsets.US_ASCII);
        long cap = 1L << 30;
        AtomicLong written = new AtomicLong();
        long usedBefore = usedHeap();
        try (SipEndpoint server = Answering.openAsServer(serverPort, LIMIT, taken); Socket socket = new Socket(LOOPBACK, serverPort)) {
            // The answers are never read: once they fill the socket, the endpoint can answer no more.
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    while (written.get() < cap) {
                        out.write(bytes);
                        written.addAndGet(bytes.length);
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            }, "pipelining peer");
            writer.setDaemon(true);
            writer.start();
            waitAndRead(written, 10);
            int answered = taken.size();
            // What the test itself keeps of each request does not count.
            taken.clear();
            long grown = usedHeap() - usedBefore;
            System.out.printf("TCP peer pipelining 8 KB OPTIONS to a server endpoint, reading no answer, 10 s: %d MB sent, "
                    + "%d requests answered, heap %+d MB%n", written.get() >> 20, answered, grown >> 20);
            // Unread, what was sent would stay in the stack's own buffer: the heap would grow by about what was sent.
            assertTrue(grown < 8L << 20, "heap grew by " + (grown >> 20) + " MB");
        }
    }

    @Test
    void aTcpPeerThatStopsSendingMidMessageIsClosedAfterTheReadTimeout() throws Exception {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            assertTrue(closedAfter(socket, "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9".getBytes(
                    StandardCharsets.US_ASCII)));
        }
    }

    /** The counter's value after the seconds. */
    private static long waitAndRead(AtomicLong counter, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
        return counter.get();
    }

    /** The heap this JVM uses after a collection. */
    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Waits until the endpoint has closed each socket, by the deadline; returns how many it closed. */
    private static int closedBy(List<Socket> sockets, long deadlineNanos) throws IOException {
        int closed = 0;
        for (Socket socket : sockets) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                if (socket.getInputStream().read() < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException stillOpen) {
                // counted as open
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed;
    }

    @Test
    void fiveHundredSilentTcpConnectionsLockNoClientOutAndAreClosedAfterTheFirstMessageTime() throws Exception {
        long usedBefore = usedHeap();
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                silent.add(new Socket(LOOPBACK, port));
            }
            long floodEnd = System.nanoTime();
            // The attacker still holds its connections: a client is taken and answered.
            try (Socket client = new Socket(LOOPBACK, port)) {
                assertEquals("SIP/2.0 200 OK", answerThenClose(client, 3000,
                        options("TCP", "during", 0, "").getBytes(StandardCharsets.US_ASCII)).get(0));
            }
            assertTrue(endpoint.tcpConnections() <= TcpLimits.DEFAULT.maxConnections(), () -> endpoint.tcpConnections() + " open");

            long bound = floodEnd + TimeUnit.MILLISECONDS.toNanos(TcpLimits.DEFAULT.firstMessageMillis() + 5000);
            assertEquals(500, closedBy(silent, bound), "silent connections closed within the first-message time");
            long grown = usedHeap() - usedBefore;
            assertTrue(grown < 32L << 20, "heap grew by " + (grown >> 20) + " MB");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
        try (Socket client = new Socket(LOOPBACK, port)) {
            assertEquals("SIP/2.0 200 OK", answerThenClose(client, 3000,
                    options("TCP", "after", 0, "").getBytes(StandardCharsets.US_ASCII)).get(0));
        }
    }

    @Test
    void aTcpPeerThatTricklesItsFirstLineIsClosedAfterTheFirstMessageTime() throws Exception {
        TcpLimits limits = new TcpLimits(1500, 3000, 8);
        int otherPort = FreePorts.udpAndTcp();
        try (SipEndpoint other = Answering.open(otherPort, LIMIT, received, limits); Socket socket = new Socket(LOOPBACK, otherPort)) {
            long opened = System.nanoTime();
            long millis = Trickle.untilClosed(socket, opened);
            assertTrue(millis >= 0, "still open after 10 s");
            assertTrue(millis >= limits.firstMessageMillis() && millis < limits.firstMessageMillis() + 3000, millis + " ms");
        }
    }

    @Test
    void aSilentTcpConnectionOpenedOnceTheEarlierOnesWereClosedIsClosedAfterTheFirstMessageTimeToo() throws Exception {
        TcpLimits limits = new TcpLimits(1000, 2000, 8);
        int otherPort = FreePorts.udpAndTcp();
        try (SipEndpoint other = Answering.open(otherPort, LIMIT, received, limits)) {
            // The sweep stops with the last connection closed, and starts again with the next one accepted.
            for (String connection : List.of("first", "second")) {
                try (Socket socket = new Socket(LOOPBACK, otherPort)) {
                    long opened = System.nanoTime();
                    socket.setSoTimeout((int) limits.firstMessageMillis() + 3000);
                    int end;
                    try {
                        end = socket.getInputStream().read();
                    } catch (IOException reset) {
                        end = -1;
                    }
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
                    assertEquals(-1, end, "the " + connection + " silent connection is closed");
                    assertTrue(millis >= limits.firstMessageMillis() - 100, connection + ": " + millis + " ms");
                }
            }
        }
    }

    @Test
    void aTcpClientThatKeepsSendingStaysConnectedAndIsClosedOnceIdle() throws Exception {
        TcpLimits limits = new TcpLimits(1000, 2000, 8);
        int otherPort = FreePorts.udpAndTcp();
        try (SipEndpoint other = Answering.open(otherPort, LIMIT, received, limits); Socket socket = new Socket(LOOPBACK, otherPort)) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            socket.setSoTimeout(3000);
            long opened = System.nanoTime();
            int sent = 0;
            long lastMessage = opened;
            // Longer than both limits, a message every 400 ms.
            while (System.nanoTime() - opened < TimeUnit.MILLISECONDS.toNanos(3 * limits.idleMillis())) {
                long next = lastMessage + TimeUnit.MILLISECONDS.toNanos(400);
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                socket.getOutputStream().write(options("TCP", "keep" + sent, 0, "").replace(":" + port, ":" + otherPort)
                        .getBytes(StandardCharsets.US_ASCII));
                sent++;
                assertEquals("SIP/2.0 200 OK", in.readLine(), "answer " + sent);
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // the rest of the answer
                }
                lastMessage = System.nanoTime();
            }
            assertClosedOnceIdle(socket, in, lastMessage, limits, "closed once idle");
        }
    }

    @Test
    void aTcpClientThatOnlyPingsAfterItsFirstMessageStaysConnectedUntilItFallsSilent() throws Exception {
        TcpLimits limits = new TcpLimits(1000, 2000, 8);
        int otherPort = FreePorts.udpAndTcp();
        try (SipEndpoint other = Answering.open(otherPort, LIMIT, received, limits); Socket socket = new Socket(LOOPBACK, otherPort)) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(options("TCP", "first", 0, "").replace(":" + port, ":" + otherPort).getBytes(StandardCharsets.US_ASCII));
            assertEquals("SIP/2.0 200 OK", in.readLine());
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // the rest of the answer
            }
            // RFC 5626 keep-alives only, every 500 ms, for three times the idle limit.
            long start = System.nanoTime();
            long lastPing = start;
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(3 * limits.idleMillis())) {
                long next = lastPing + TimeUnit.MILLISECONDS.toNanos(500);
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                lastPing = System.nanoTime();
                assertEquals("", in.readLine(), "the pong (CRLF)");
            }
            assertClosedOnceIdle(socket, in, lastPing, limits, "closed once silent");
        }
    }

    /** Waits for the endpoint to close the connection, which must come no sooner than the idle limit after {@code sinceNanos}. */
    private static void assertClosedOnceIdle(Socket socket, java.io.Reader in, long sinceNanos, TcpLimits limits, String what)
            throws IOException {
        socket.setSoTimeout((int) limits.idleMillis() + 3000);
        int end;
        try {
            end = in.read();
        } catch (IOException reset) {
            end = -1;
        }
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
        assertEquals(-1, end, what);
        assertTrue(idle >= limits.idleMillis() - 100, idle + " ms");
    }

    @Test
    void aDatagramLargerThanTheLimitIsAnswered400AndNotDeliveredAndIsLoggedOnce() throws Exception {
        String padding = "X-Padding: " + "a".repeat(1000) + "\r\n";
        String large = options("UDP", "large", 0, padding.repeat(LIMIT / 1000 + 1));

        String answer = udp(large);
        udp(large);

        assertEquals("SIP/2.0 400 Bad Request (Message Too Large, over " + LIMIT + " bytes)", answer);
        assertTrue(received.isEmpty(), received::toString);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("from 127.0.0.1 over UDP") && warnings.get(0).contains("more than the limit")
                && warnings.get(0).contains("answered 400"), warnings::toString);
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
    void anEndpointThatNoTcpPeerReachedRunsNoTimerThreadForItsUdpQueueNorItsTcpConnections() throws Exception {
        // A farm opens an endpoint a phone: a timer thread each that wakes for nothing costs the RTP clock its turns.
        long auditors = threadsNamed(name -> name.startsWith("BlockingQueueDispatchAuditor"));
        long sweepers = threadsNamed(name -> name.endsWith("-tcp-connections"));
        int otherPort = FreePorts.udpAndTcp();
        try (SipEndpoint other = Answering.openAsServer(otherPort, LIMIT, received)) {
            assertTrue(threadsNamed(name -> name.startsWith("BlockingQueueDispatchAuditor")) <= auditors, "no auditor started");
            assertTrue(threadsNamed(name -> name.endsWith("-tcp-connections")) <= sweepers, "no sweeper started");
        }
    }

    private static long threadsNamed(java.util.function.Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.isAlive() && name.test(thread.getName())).count();
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
