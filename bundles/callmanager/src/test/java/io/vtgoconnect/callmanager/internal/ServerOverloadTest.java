package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.testing.peers.SippScreen;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A short flood of calls, more than the server can hold, from SIPp to a SIPp UAS registered as a
 * line (public, so that the flood needs no digest): every INVITE gets its answer, 200 or 503 with
 * Retry-After, and a normal call goes through at once afterwards. Sized for 2 cores: 60 calls a
 * second for 2 s, each held 1 s, while the server's RTP range leaves room for about 8 calls at once
 * (the first overload limit a flood meets there, whatever the machine's speed). With
 * overload.calls.per.second, a flood of three times that rate is put through at that rate and the
 * rest refused. And an INVITE that its caller sends again while the server is overloaded, its call
 * already under way, is answered by its call, not refused.
 */
class ServerOverloadTest {
    private static final String UAS_LINE = "2009";
    private static final int RATE = 60;
    private static final int CALLS = 120;
    private static final int RTP_PAIRS = 20;
    private static final int KEPT_FREE = 4;
    private static final int HOLD_MS = 1000;
    /** overload.calls.per.second in the test of it: a tenth of it may go at once. */
    private static final int CALLS_PER_SECOND = 20;
    private static final int BURST = CALLS_PER_SECOND / 10;

    @Test
    void aFloodPastTheServersMediaPortsIsAnswered200Or503AndANormalCallThenGoesThrough() throws Exception {
        int rtpFirst = FreePorts.rtpPairs(RTP_PAIRS);
        int uasPort = FreePorts.udpAndTcp();
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(4), "uas-answer", false);
                EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"},
                        "public_numbers", new String[] {UAS_LINE}, "rtp_port_min", rtpFirst,
                        "rtp_port_max", rtpFirst + 2 * RTP_PAIRS - 1, "overload_rtp_pairs", KEPT_FREE)) {
            Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 300);

            SippScreen flood = flood(server.sipPort, RATE, CALLS, HOLD_MS);
            // Every call ended as the scenario says: answered and hung up, or refused with 503 and acknowledged.
            assertEquals(CALLS, flood.successful() + flood.failed(), flood.text());
            assertEquals(0, flood.failed(), "INVITEs without an answer, or calls that failed: " + flood.text());
            long refused = flood.received(503);
            assertTrue(refused > 0 && refused < CALLS, refused + " of " + CALLS + " calls refused");
            // Refused as they came, or (admitted in a burst) when no port was left for them. Each copy of an
            // INVITE that a slow machine made SIPp send again is refused again, so the two counts are not compared.
            long refusedAtOnce = server.server.server().refusedForOverload();
            assertTrue(refusedAtOnce > 0, "none refused as they came");
            String log = String.join("\n", server.logs.lines());
            assertTrue(log.contains("Overloaded (") && log.contains("RTP port pairs free"), log);

            // At once afterwards: one call, which fails on a 503.
            try (Sipp normal = Sipp.uac("uac-call", server.sipPort, UAS_LINE)) {
                normal.awaitSuccess();
            }
            server.awaitNoCalls();
        }
    }

    @Test
    void aFloodOfThreeTimesOverloadCallsPerSecondIsPutThroughAtThatRateAndTheRestRefused() throws Exception {
        int pairs = 64;
        int rtpFirst = FreePorts.rtpPairs(pairs);
        int uasPort = FreePorts.udpAndTcp();
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(4), "uas-answer", false);
                EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"},
                        "public_numbers", new String[] {UAS_LINE}, "rtp_port_min", rtpFirst,
                        "rtp_port_max", rtpFirst + 2 * pairs - 1, "overload_rtp_pairs", KEPT_FREE,
                        "overload_calls_per_second", CALLS_PER_SECOND)) {
            Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 300);

            long start = System.nanoTime();
            SippScreen flood = flood(server.sipPort, 3 * CALLS_PER_SECOND, 9 * CALLS_PER_SECOND, 200);
            double floodSeconds = (System.nanoTime() - start) / 1e9;
            // Every call answered and hung up, or refused with 503 and acknowledged.
            assertEquals(9 * CALLS_PER_SECOND, flood.successful(), "INVITEs without an answer, or calls that failed: " + flood.text());
            long putThrough = flood.successful() - flood.received(503);
            // Offered over 3 s or more (SIPp's pace): a burst, then the rate for as long as the flood lasted.
            assertTrue(putThrough >= 2 * CALLS_PER_SECOND && putThrough <= BURST + CALLS_PER_SECOND * floodSeconds,
                    putThrough + " calls put through in a flood of " + floodSeconds + " s: " + flood.text());
            String log = String.join("\n", server.logs.lines());
            assertTrue(log.contains("Overloaded (more than " + CALLS_PER_SECOND + " new calls a second, "
                    + "overload.calls.per.second is " + CALLS_PER_SECOND + ")"), log);
        }
    }

    @Test
    void anInviteSentAgainWhileTheServerIsOverloadedIsAnsweredByItsCallNotRefused() throws Exception {
        int rtpFirst = FreePorts.rtpPairs(KEPT_FREE + 1);
        int uasPort = FreePorts.udpAndTcp();
        // One pair more than the server keeps free: the first call's media leaves fewer.
        try (Sipp callee = Sipp.uas(uasPort, "uas-ring");
                EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"},
                        "public_numbers", new String[] {UAS_LINE}, "rtp_port_min", rtpFirst,
                        "rtp_port_max", rtpFirst + 2 * (KEPT_FREE + 1) - 1, "overload_rtp_pairs", KEPT_FREE);
                DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 300);
            caller.setSoTimeout(10_000);
            String invite = invite(caller, server.sipPort, "sent-again", "z9hG4bK-sent-again");
            send(caller, server.sipPort, invite);
            assertTrue(answer(caller, "sent-again").startsWith("SIP/2.0 180 "), "the callee rings");

            send(caller, server.sipPort, invite(caller, server.sipPort, "new-call", "z9hG4bK-new-call"));
            String refused = answer(caller, "new-call");
            assertTrue(refused.startsWith("SIP/2.0 503 ") && refused.contains("\r\nRetry-After: "), "overloaded now: " + refused);

            send(caller, server.sipPort, invite);
            String again = answer(caller, "sent-again");
            assertTrue(again.startsWith("SIP/2.0 180 "), "the INVITE sent again gets its call's last answer: " + again);
        }
    }

    /** A new call from 3001 to the UAS line, written out as a user agent sends it. */
    private static String invite(DatagramSocket caller, int serverPort, String callId, String branch) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n";
        return "INVITE sip:" + UAS_LINE + "@127.0.0.1:" + serverPort + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                + caller.getLocalPort() + ";branch=" + branch + ";rport\r\nFrom: <sip:3001@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:" + UAS_LINE + "@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:3001@127.0.0.1:" + caller.getLocalPort() + ">\r\nMax-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static void send(DatagramSocket caller, int serverPort, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        caller.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", serverPort)));
    }

    /** The next answer of the call other than 100 Trying; the socket's timeout bounds the wait. */
    private static String answer(DatagramSocket caller, String callId) throws IOException {
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            caller.receive(packet);
            String message = new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (message.startsWith("SIP/2.0 ") && !message.startsWith("SIP/2.0 100 ")
                    && message.contains("\r\nCall-ID: " + callId + "\r\n")) {
                return message;
            }
        }
    }

    /** {@code calls} calls at {@code rate} a second, each held {@code holdMs} or refused; @return SIPp's screen once it is over */
    private static SippScreen flood(int serverPort, int rate, int calls, int holdMs) {
        PeerProcess uac = Sipp.uacForCalls("flood", Sipp.scenarioFile("uac-call-or-503", "HOLD_MS", Integer.toString(holdMs)),
                serverPort, FreePorts.udpAndTcp(4), UAS_LINE, rate, calls, 20);
        try {
            uac.awaitSuccess("SIPp's flood");
        } catch (AssertionError failed) {
            // The screen says which calls failed.
        } finally {
            uac.close();
        }
        return SippScreen.of(uac.log());
    }
}
