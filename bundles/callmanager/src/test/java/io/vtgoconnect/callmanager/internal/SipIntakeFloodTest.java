package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A flood of new calls sent as fast as a socket sends them, far more than the server's SIP intake
 * holds: while more than a few datagrams wait, the server refuses with 503 the calls it reads, as
 * it reads them, so that its intake never fills with them (what it does once full, BoundedUdpIntakeTest
 * shows); cm:status counts the refusals; it answers OPTIONS, and a normal call then connects. The
 * calls admitted before are left to the server, which hangs them up as it stops.
 */
class SipIntakeFloodTest {
    private static final String UAS_LINE = "2009";
    private static final int FLOOD = 3000;
    private static final int INTAKE = 64;
    private static final int QUEUE = 8;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Pattern STATUS = Pattern.compile("^SIP/2.0 (\\d{3})");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)");
    private static final Pattern CSEQ_METHOD = Pattern.compile("(?im)^CSeq:\\s*\\d+\\s+(\\w+)");
    private static final Pattern TO = Pattern.compile("(?im)^To:.*$");

    @Test
    void aFloodFarPastTheSipIntakeIsAnswered503AsItArrivesAndANormalCallThenConnects() throws Exception {
        int uasPort = FreePorts.udpAndTcp();
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(4), "uas-answer", false);
                EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"},
                        "public_numbers", new String[] {UAS_LINE}, "overload_queue", QUEUE, "overload_datagrams", INTAKE);
                Caller caller = new Caller(server.sipPort)) {
            Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 300);

            for (int i = 0; i < FLOOD; i++) {
                caller.send(caller.invite("flood-" + i));
            }
            // The INVITEs read while the intake is full are refused at once.
            caller.await("a 503", () -> caller.finals.containsValue(503));
            caller.ask(caller.options("options-after-flood"), "options-after-flood");

            String status = new ServerCommands(server.server, server.endpoints).status();
            Matcher overload = Pattern.compile("Overload: (\\d+) new calls refused with 503, (\\d+) SIP datagrams dropped")
                    .matcher(status);
            assertTrue(overload.find(), status);
            assertTrue(Long.parseLong(overload.group(1)) > 0, status);

            // As a caller does once the flood is over: the call connects, at once or after a 503 while the server catches up.
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (true) {
                try (Sipp normal = Sipp.uac("uac-call", server.sipPort, UAS_LINE)) {
                    normal.awaitSuccess();
                    break;
                } catch (AssertionError refused) {
                    if (System.nanoTime() > deadline) {
                        throw refused;
                    }
                }
            }
        }
    }

    /** A user agent on a socket of its own that floods the server with INVITEs and keeps each call's answers. */
    private static final class Caller implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final InetSocketAddress server;
        /** Each Call-ID's final answer to its INVITE (or OPTIONS). */
        final Map<String, Integer> finals = new ConcurrentHashMap<>();
        private final Thread receiver;

        Caller(int serverPort) throws IOException {
            this.server = new InetSocketAddress("127.0.0.1", serverPort);
            socket.setReceiveBufferSize(4 << 20);
            receiver = new Thread(this::receive, "flood-caller");
            receiver.start();
        }

        String invite(String callId) {
            String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
                    + "a=rtpmap:0 PCMU/8000\r\n";
            return "INVITE sip:" + UAS_LINE + "@127.0.0.1:" + server.getPort() + " SIP/2.0\r\n" + via(callId)
                    + "From: <sip:3001@127.0.0.1>;tag=" + callId + "\r\nTo: <sip:" + UAS_LINE + "@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:3001@127.0.0.1:" + socket.getLocalPort()
                    + ">\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        }

        String options(String callId) {
            return "OPTIONS sip:127.0.0.1:" + server.getPort() + " SIP/2.0\r\n" + via(callId) + "From: <sip:3001@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        }

        private String via(String branch) {
            return "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + branch + "\r\n";
        }

        /** Sends the request every half second, as a user agent retransmits, until its final answer comes. */
        void ask(String request, String callId) throws IOException {
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (finals.get(callId) == null) {
                if (System.nanoTime() > deadline) {
                    fail("No answer to " + callId + " within " + TimeUnit.NANOSECONDS.toSeconds(DEADLINE_NANOS) + " s");
                }
                send(request);
                long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                while (System.nanoTime() < next && finals.get(callId) == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        }

        /** Waits, with a deadline, until what was received meets the condition. */
        void await(String what, BooleanSupplier met) {
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (!met.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    fail("No " + what + " within " + TimeUnit.NANOSECONDS.toSeconds(DEADLINE_NANOS) + " s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        void send(String message) throws IOException {
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        }

        private void receive() {
            byte[] buffer = new byte[65536];
            try {
                socket.setSoTimeout(200);
                while (!socket.isClosed()) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException quiet) {
                        continue;
                    }
                    received(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII));
                }
            } catch (SocketException closed) {
                // The test is over.
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void received(String message) {
            Matcher status = STATUS.matcher(message);
            Matcher callId = CALL_ID.matcher(message);
            Matcher method = CSEQ_METHOD.matcher(message);
            if (!status.find() || !callId.find() || !method.find()) {
                return; // A request of the server's (a BYE of a call it ended): not part of what is counted.
            }
            int code = Integer.parseInt(status.group(1));
            String id = callId.group(1);
            if (code >= 200) {
                finals.putIfAbsent(id, code);
                if (code >= 300 && method.group(1).equals("INVITE")) {
                    refused(id, message);
                }
            }
        }

        /** Acknowledges a refusal in the INVITE's transaction (its branch), as RFC 3261 17.1.1.3 asks. */
        private void refused(String callId, String refusal) {
            Matcher to = TO.matcher(refusal);
            if (!to.find()) {
                return;
            }
            try {
                send("ACK sip:" + UAS_LINE + "@127.0.0.1:" + server.getPort() + " SIP/2.0\r\n" + via(callId)
                        + "From: <sip:3001@127.0.0.1>;tag=" + callId + "\r\n" + to.group() + "\r\nCall-ID: " + callId
                        + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            } catch (IOException closed) {
                // The test is over.
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            receiver.join(5000);
        }
    }
}
