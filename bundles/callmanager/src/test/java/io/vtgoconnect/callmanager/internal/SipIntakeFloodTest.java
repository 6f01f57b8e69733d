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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A flood of new calls sent as fast as a socket sends them, far more than the server's SIP intake
 * holds: the intake drops what does not fit (counted in cm:status), the server answers the calls it
 * reads, 200 or 503 with Retry-After (its RTP range leaves room for about 16 calls), it still answers
 * OPTIONS, and a normal call then connects. The flood's caller acknowledges and hangs up the calls
 * that were answered, as a user agent does.
 */
class SipIntakeFloodTest {
    private static final String UAS_LINE = "2009";
    private static final int FLOOD = 3000;
    private static final int INTAKE = 16;
    private static final int RTP_PAIRS = 20;
    private static final int KEPT_FREE = 4;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Pattern STATUS = Pattern.compile("^SIP/2.0 (\\d{3})");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)");
    private static final Pattern CSEQ_METHOD = Pattern.compile("(?im)^CSeq:\\s*\\d+\\s+(\\w+)");
    private static final Pattern TO = Pattern.compile("(?im)^To:.*$");
    private static final Pattern CONTACT = Pattern.compile("(?im)^Contact:\\s*<([^>]+)>");

    @Test
    void aFloodFarPastTheSipIntakeIsDroppedAsItArrivesAnswered200Or503AndANormalCallThenConnects() throws Exception {
        int rtpFirst = 2 * (FreePorts.udpAndTcp() / 2);
        int uasPort = FreePorts.udpAndTcp();
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(), "uas-answer", false);
                EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"},
                        "public_numbers", new String[] {UAS_LINE}, "rtp_port_min", rtpFirst,
                        "rtp_port_max", rtpFirst + 2 * RTP_PAIRS - 1, "overload_rtp_pairs", KEPT_FREE,
                        "overload_datagrams", INTAKE);
                Caller caller = new Caller(server.sipPort)) {
            Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 300);

            for (int i = 0; i < FLOOD; i++) {
                caller.send(caller.invite("flood-" + i));
            }
            // Each INVITE the server read is answered at once (503, or 100 Trying then 200 or 503); the rest were dropped.
            caller.await("a final answer to every INVITE that got 100 Trying",
                    () -> caller.finals.keySet().containsAll(caller.trying));
            caller.hangUpAnswered();

            String status = new ServerCommands(server.server, server.endpoints).status();
            Matcher overload = Pattern.compile("Overload: (\\d+) new calls refused with 503, (\\d+) SIP datagrams dropped")
                    .matcher(status);
            assertTrue(overload.find(), status);
            assertTrue(Long.parseLong(overload.group(2)) > 0, "nothing dropped from a flood of " + FLOOD + ": " + status);
            long refused = caller.finals.values().stream().filter(code -> code == 503).count();
            long answered = caller.finals.values().stream().filter(code -> code == 200).count();
            assertTrue(refused > 0, "no 503 among " + caller.finals.size() + " answers");
            assertTrue(answered > 0, "no call answered among " + caller.finals.size() + " answers");

            String options = "options-after-flood";
            caller.send(caller.options(options));
            caller.await("the server answering OPTIONS after the flood", () -> caller.finals.get(options) != null);
            try (Sipp normal = Sipp.uac("uac-call", server.sipPort, UAS_LINE)) {
                normal.awaitSuccess();
            }
            server.awaitNoCalls();
        }
    }

    /** A user agent on a socket of its own that floods the server with INVITEs and keeps each call's answers. */
    private static final class Caller implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final InetSocketAddress server;
        /** Call-IDs that got 100 Trying. */
        final Set<String> trying = ConcurrentHashMap.newKeySet();
        /** Each Call-ID's final answer to its INVITE (or OPTIONS). */
        final Map<String, Integer> finals = new ConcurrentHashMap<>();
        /** The 200 of each answered call, to acknowledge and hang up. */
        private final Map<String, String> answers = new ConcurrentHashMap<>();
        private final Set<String> hungUp = ConcurrentHashMap.newKeySet();
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

        /** Sends ACK and BYE for each answered call, the BYE again every half second until its 200 comes. */
        void hangUpAnswered() throws IOException {
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (!hungUp.containsAll(answers.keySet())) {
                if (System.nanoTime() > deadline) {
                    fail("BYEs unanswered: " + answers.keySet().stream().filter(id -> !hungUp.contains(id)).toList());
                }
                for (Map.Entry<String, String> answer : answers.entrySet()) {
                    if (!hungUp.contains(answer.getKey())) {
                        send(inDialog("ACK", 1, answer.getKey(), answer.getValue(), "ack"));
                        send(inDialog("BYE", 2, answer.getKey(), answer.getValue(), "bye"));
                    }
                }
                long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                while (System.nanoTime() < next && !hungUp.containsAll(answers.keySet())) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        }

        private String inDialog(String method, int cseq, String callId, String ok, String branch) {
            Matcher contact = CONTACT.matcher(ok);
            Matcher to = TO.matcher(ok);
            if (!contact.find() || !to.find()) {
                throw new AssertionError("A 200 without Contact or To: " + ok);
            }
            return method + " " + contact.group(1) + " SIP/2.0\r\n" + via(callId + "-" + branch)
                    + "From: <sip:3001@127.0.0.1>;tag=" + callId + "\r\n" + to.group() + "\r\nCall-ID: " + callId + "\r\nCSeq: "
                    + cseq + " " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        }

        /** Waits, with a deadline, until what was received meets the condition. */
        void await(String what, BooleanSupplier met) {
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (!met.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    fail("No " + what + " within " + TimeUnit.NANOSECONDS.toSeconds(DEADLINE_NANOS) + " s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
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
            if (method.group(1).equals("BYE")) {
                hungUp.add(id);
            } else if (code == 100) {
                trying.add(id);
            } else if (code >= 200) {
                finals.putIfAbsent(id, code);
                if (code == 200 && method.group(1).equals("INVITE")) {
                    answers.putIfAbsent(id, message);
                } else if (method.group(1).equals("INVITE")) {
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
