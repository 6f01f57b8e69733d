package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.vtgoconnect.testing.peers.SipLines;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A caller on a raw socket hangs up a call through the server and sends its BYE again, as a user
 * agent does when the answer is late or lost: it gets the same 200 OK both times (as SIP reads it), from what
 * the server kept of its answer rather than from the call logic (which, the call over, would answer 481), and a
 * new BYE in the ended call does get 481. The server holds no transaction of the BYE once it answered.
 */
class ByeRetransmissionTest {
    private static final String ANSWERS = "2004";
    private static final Pattern CSEQ = Pattern.compile("(?im)^CSeq:\\s*(\\d+ \\w+)");
    private static final Pattern TO = Pattern.compile("(?im)^To:.*$");
    private static final Pattern CONTACT = Pattern.compile("(?im)^(?:Contact|m):\\s*<([^>]+)>");

    @Test
    void aByeSentAgainGetsTheSameOkAndNeverReachesTheCallLogic() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("public_numbers", new String[] {ANSWERS});
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(10_000);
            Caller caller = new Caller(socket, server.sipPort);
            caller.send(caller.invite());
            String ok = caller.finalAnswer("1 INVITE");
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
            Matcher to = TO.matcher(ok);
            Matcher contact = CONTACT.matcher(ok);
            assertTrue(to.find() && contact.find(), ok);
            caller.send(caller.inDialog("ACK", contact.group(1), to.group(), 1, "z9hG4bK-ack"));

            String bye = caller.inDialog("BYE", contact.group(1), to.group(), 2, "z9hG4bK-bye");
            caller.send(bye);
            String first = caller.finalAnswer("2 BYE");
            assertTrue(first.startsWith("SIP/2.0 200 OK\r\n"), first);
            SIPTransactionStack stack = (SIPTransactionStack) server.server.server().board().sip().provider().getSipStack();
            // Let go of as it was answered, rather than kept for Timer J (32 s); the stack keys it by its branch in lower case.
            assertNull(stack.findTransaction("z9hg4bk-bye", true), "the BYE's transaction is let go");
            caller.send(bye);
            assertEquals(SipLines.said(first), SipLines.said(caller.finalAnswer("2 BYE")), "the BYE sent again gets the same answer");

            caller.send(caller.inDialog("BYE", contact.group(1), to.group(), 3, "z9hG4bK-bye-again"));
            String late = caller.finalAnswer("3 BYE");
            assertTrue(late.startsWith("SIP/2.0 481"), "a new BYE in the ended call: " + late);
        }
    }

    /** The user agent's side, written out: one call from 3001. */
    private record Caller(DatagramSocket socket, int serverPort) {
        private static final String CALL_ID = "bye-twice@127.0.0.1";

        String invite() {
            String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
                    + "a=rtpmap:0 PCMU/8000\r\n";
            return "INVITE sip:" + ANSWERS + "@127.0.0.1:" + serverPort + " SIP/2.0\r\n" + via("z9hG4bK-invite")
                    + "From: <sip:3001@127.0.0.1>;tag=caller\r\nTo: <sip:" + ANSWERS + "@127.0.0.1>\r\nCall-ID: " + CALL_ID
                    + "\r\nCSeq: 1 INVITE\r\nContact: <sip:3001@127.0.0.1:" + socket.getLocalPort() + ">\r\nMax-Forwards: 70\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        }

        String inDialog(String method, String target, String toLine, int cseq, String branch) {
            return method + " " + target + " SIP/2.0\r\n" + via(branch) + "From: <sip:3001@127.0.0.1>;tag=caller\r\n"
                    + toLine + "\r\nCall-ID: " + CALL_ID + "\r\nCSeq: " + cseq + " " + method + "\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }

        private String via(String branch) {
            return "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=" + branch + ";rport\r\n";
        }

        void send(String message) throws IOException {
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", serverPort)));
        }

        /** The next final response whose CSeq is this (provisional ones and anything else skipped); the socket's timeout bounds the wait. */
        String finalAnswer(String cseq) throws IOException {
            byte[] buffer = new byte[65536];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String message = new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII);
                Matcher number = CSEQ.matcher(message);
                if (message.startsWith("SIP/2.0 ") && !message.startsWith("SIP/2.0 1") && number.find()
                        && number.group(1).equals(cseq)) {
                    return message;
                }
            }
        }
    }
}
