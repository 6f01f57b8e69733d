package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.TestCa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.sip.RequestEvent;
import javax.sip.SipException;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS listener holds a peer to the limits a TCP one does: a connection that completes its
 * handshake and then says nothing, or trickles, or goes idle, is closed in time, and a flood of
 * connections never keeps a new client out. Tried with real TLS sockets, the listener serving a
 * certificate of a CA made for the test.
 */
class SipEndpointTlsLimitsTest {
    private static final char[] PASSWORD = "key-store-password".toCharArray();
    /** Long enough for a handshake on a loaded machine. */
    private static final TcpLimits LIMITS = new TcpLimits(3000, 4000, 8);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path certificates;
    private SSLContext client;
    private SipEndpoint endpoint;
    private int port;
    private int tlsPort;

    @BeforeEach
    void open() throws Exception {
        TestCa ca = new TestCa(certificates, "VTGOConnect-Test-CA");
        Path keyStore = ca.keyStore(ca.issue("endpoint", "127.0.0.1"), certificates.resolve("endpoint.p12"), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(ca.trustStore(certificates.resolve("trust.p12"), PASSWORD).toFile(), PASSWORD));
        client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);

        port = FreePorts.udpAndTcp();
        tlsPort = FreePorts.udpAndTcp();
        Answering answering = new Answering();
        endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), answering, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES, 100,
                Optional.of(SipTls.of(tlsPort, Optional.empty(), new char[0], Optional.of(keyStore), PASSWORD)), LIMITS);
        answering.endpoint = endpoint;
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    /** Answers each request 200. */
    private static final class Answering implements RequestListener {
        SipEndpoint endpoint;

        @Override
        public void processRequest(RequestEvent event) {
            try {
                endpoint.provider().sendResponse(endpoint.messages.createResponse(Response.OK, event.getRequest()));
            } catch (SipException | java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SSLSocket handshaken() throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(LOOPBACK, tlsPort);
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }

    private String options(String branch) {
        return options(branch, "");
    }

    private String options(String branch, String extraHeaders) {
        return "OPTIONS sip:127.0.0.1:" + tlsPort + ";transport=tls SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:9;branch=z9hG4bK" + branch + "\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void aTlsHeaderBlockJustOverTheLimitIsAnswered513AndClosed() throws Exception {
        String padding = "X-Padding: " + "a".repeat(SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES) + "\r\n";
        try (SSLSocket socket = handshaken()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("SIP/2.0 513 Message Too Large", ask(socket, in, "over", padding));
            assertTrue(millisUntilClosed(socket, System.nanoTime(), 3000) >= 0, "closed after the answer");
        }
    }

    /** Sends the OPTIONS and returns the status line of its answer. */
    private String ask(Socket socket, BufferedReader in, String branch) throws IOException {
        return ask(socket, in, branch, "");
    }

    private String ask(Socket socket, BufferedReader in, String branch, String extraHeaders) throws IOException {
        socket.getOutputStream().write(options(branch, extraHeaders).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = in.readLine();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // the rest of the answer
        }
        return status;
    }

    /** Milliseconds until the endpoint closes the connection, reading for at most {@code waitMillis}; -1 if still open. */
    private static long millisUntilClosed(Socket socket, long sinceNanos, long waitMillis) throws IOException {
        socket.setSoTimeout((int) waitMillis);
        try {
            while (socket.getInputStream().read() >= 0) {
                // nothing is expected before the close
            }
        } catch (SocketTimeoutException stillOpen) {
            return -1;
        } catch (IOException reset) {
            // closed
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    @Test
    void aTlsConnectionThatHandshakesAndStaysSilentIsClosedAfterTheFirstMessageTime() throws Exception {
        long opened = System.nanoTime();
        try (SSLSocket socket = handshaken()) {
            long millis = millisUntilClosed(socket, opened, LIMITS.firstMessageMillis() + 3000);
            System.out.printf("TLS, handshake then silence: closed after %d ms (first-message limit %d ms)%n", millis,
                    LIMITS.firstMessageMillis());
            assertTrue(millis >= LIMITS.firstMessageMillis() - 100, millis + " ms");
        }
    }

    @Test
    void aTlsConnectionThatTricklesItsFirstLineIsClosedAfterTheFirstMessageTime() throws Exception {
        long opened = System.nanoTime();
        try (SSLSocket socket = handshaken()) {
            long millis = Trickle.untilClosed(socket, opened);
            assertTrue(millis >= 0, "still open after 10 s");
            assertTrue(millis >= LIMITS.firstMessageMillis() && millis < LIMITS.firstMessageMillis() + 3000, millis + " ms");
        }
    }

    @Test
    void aTlsClientThatKeepsSendingStaysConnectedAndIsClosedOnceIdle() throws Exception {
        try (SSLSocket socket = handshaken()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            long opened = System.nanoTime();
            long lastMessage = opened;
            int sent = 0;
            // Longer than both limits, a message every 400 ms.
            while (System.nanoTime() - opened < TimeUnit.MILLISECONDS.toNanos(2 * LIMITS.idleMillis())) {
                long next = lastMessage + TimeUnit.MILLISECONDS.toNanos(400);
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                sent++;
                assertEquals("SIP/2.0 200 OK", ask(socket, in, "keep" + sent), "answer " + sent);
                lastMessage = System.nanoTime();
            }
            long idle = millisUntilClosed(socket, lastMessage, LIMITS.idleMillis() + 3000);
            System.out.printf("TLS, idle after %d answered messages: closed after %d ms (idle limit %d ms)%n", sent, idle,
                    LIMITS.idleMillis());
            assertTrue(idle >= LIMITS.idleMillis() - 100, idle + " ms");
        }
    }

    @Test
    void aTlsClientThatOnlyPingsAfterItsFirstMessageStaysConnected() throws Exception {
        try (SSLSocket socket = handshaken()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("SIP/2.0 200 OK", ask(socket, in, "first"));
            // RFC 5626 keep-alives only, every 500 ms, for longer than the idle limit; then a request is still answered.
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(LIMITS.idleMillis() + 2000)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                socket.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                assertEquals("", in.readLine(), "the pong (CRLF)");
            }
            assertEquals("SIP/2.0 200 OK", ask(socket, in, "after-pings"), "the connection stayed open");
        }
    }

    @Test
    void moreTlsConnectionsThanTheCapCloseTheLongestWaitingAndANewClientIsAnswered() throws Exception {
        List<SSLSocket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * LIMITS.maxConnections(); i++) {
                silent.add(handshaken());
            }
            try (SSLSocket socket = handshaken()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertEquals("SIP/2.0 200 OK", ask(socket, in, "during"));
            }
            assertTrue(endpoint.tcpConnections() <= LIMITS.maxConnections(), () -> endpoint.tcpConnections() + " open");
            int closed = 0;
            for (SSLSocket socket : silent.subList(0, 2 * LIMITS.maxConnections())) {
                closed += millisUntilClosed(socket, System.nanoTime(), 2000) >= 0 ? 1 : 0;
            }
            assertEquals(2 * LIMITS.maxConnections(), closed, "the longest waiting connections were closed");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }
}
