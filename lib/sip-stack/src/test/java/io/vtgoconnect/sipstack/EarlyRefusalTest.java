package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.SipProbe;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** New calls refused as their datagrams are read, over a real socket into an endpoint: what the caller gets, and what the stack still sees. */
class EarlyRefusalTest {
    private static final Pattern TO_TAG = Pattern.compile("(?m)^To: [^\r]*;tag=(" + EarlyRefusal.TAG_PREFIX + "[0-9a-f]+)$");

    private final AtomicBoolean overloaded = new AtomicBoolean(true);
    private final AtomicLong now = new AtomicLong();
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private LoopbackEndpoint loopback;

    @BeforeEach
    void open() throws Exception {
        Recording listener = new Recording();
        loopback = LoopbackEndpoint.open(listener);
        listener.endpoint = loopback.endpoint();
        loopback.endpoint().refuseNewCallsEarly(new EarlyRefusal(overloaded::get, 7, now::get));
    }

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void whileOverloadedANewInviteGets503WithRetryAfterItsRetransmissionTheSameTagAndNeitherNorTheAckReachTheStack() throws Exception {
        String invite = invite("call-1", "z9hG4bK-first", "");
        String refusal = exchange(invite);
        assertTrue(refusal.startsWith("SIP/2.0 503 Service Unavailable\r\n"), refusal);
        assertTrue(refusal.contains("\r\nRetry-After: 7\r\n"), refusal);
        assertTrue(refusal.contains("\r\nCall-ID: call-1\r\n") && refusal.contains("\r\nCSeq: 1 INVITE\r\n")
                && refusal.contains("\r\nFrom: <sip:2001@127.0.0.1>;tag=caller\r\n"), refusal);
        assertTrue(refusal.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + loopback.peer().port() + ";branch=z9hG4bK-first;received=127.0.0.1;rport="
                + loopback.peer().port() + "\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-below\r\n"), "the Vias, in order, the top one's rport filled in: " + refusal);
        assertTrue(refusal.endsWith("\r\nContent-Length: 0\r\n\r\n"), refusal);
        String tag = toTag(refusal);
        assertEquals(tag, toTag(exchange(invite)), "a retransmission is refused with the same tag");
        assertFalse(tag.equals(toTag(exchange(invite("call-2", "z9hG4bK-other", "")))), "another call gets another tag");

        send(invite.replaceFirst("INVITE sip", "ACK sip").replace("CSeq: 1 INVITE", "CSeq: 1 ACK")
                .replace("To: <sip:2009@127.0.0.1>", "To: <sip:2009@127.0.0.1>;tag=" + tag));
        // Datagrams reach the stack in order: once the OPTIONS sent after them is handled, so were they.
        assertTrue(exchange(options("after")).startsWith("SIP/2.0 200"));
        assertEquals(List.of(Request.OPTIONS), drained(), "requests the stack saw");
    }

    @Test
    void anInvitePassedOnIsPassedOnAgainWhenSentAgainWhileOverloadedUntilItIsOld() throws Exception {
        overloaded.set(false);
        String invite = invite("admitted", "z9hG4bK-admitted", "");
        send(invite);
        // Read by then: datagrams reach the stack in order.
        assertTrue(exchange(options("before")).startsWith("SIP/2.0 200"));
        overloaded.set(true);
        assertTrue(exchange(invite("refused", "z9hG4bK-refused", "")).startsWith("SIP/2.0 503 "), "a new call is refused now");
        now.addAndGet(EarlyRefusal.PASSED_KEPT_NANOS);
        send(invite);
        assertTrue(exchange(options("after")).startsWith("SIP/2.0 200"), "the INVITE sent again got no 503");
        assertEquals(List.of(Request.INVITE, Request.OPTIONS, Request.INVITE, Request.OPTIONS), drained(), "requests the stack saw");

        now.addAndGet(1);
        assertTrue(exchange(invite).startsWith("SIP/2.0 503 "), "sent again with no answer for longer: a new call, refused");
    }

    @Test
    void invitesPassedOnAreRememberedUpToABoundTheOldestLetGoFirst() throws Exception {
        EarlyRefusal refusal = new EarlyRefusal(overloaded::get, 7, now::get);
        overloaded.set(false);
        for (int call = 0; call <= EarlyRefusal.MOST_PASSED; call++) {
            assertFalse(refusal.handled(datagram(invite("bound-" + call, "z9hG4bK-" + call, "")), null));
        }
        assertEquals(EarlyRefusal.MOST_PASSED, refusal.passedRemembered());
        overloaded.set(true);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertFalse(refusal.handled(datagram(invite("bound-1", "z9hG4bK-1", "")), socket), "a call remembered is passed on");
            assertTrue(refusal.handled(datagram(invite("bound-0", "z9hG4bK-0", "")), socket), "the oldest was let go: refused");
        }
    }

    @Test
    void compactHeadersAreReadAndEchoedAsTheyCame() throws Exception {
        String refusal = exchange("INVITE sip:2009@127.0.0.1 SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:" + loopback.peer().port()
                + ";branch=z9hG4bK-compact\r\nf: <sip:2001@127.0.0.1>;tag=c\r\nt: <sip:2009@127.0.0.1>\r\ni: compact-1\r\n"
                + "CSeq: 4 INVITE\r\nMax-Forwards: 70\r\nl: 0\r\n\r\n");
        assertTrue(refusal.startsWith("SIP/2.0 503 ") && refusal.contains("\r\nv: SIP/2.0/UDP 127.0.0.1:" + loopback.peer().port()
                + ";branch=z9hG4bK-compact\r\nf: <sip:2001@127.0.0.1>;tag=c\r\nt: <sip:2009@127.0.0.1>;tag=" + EarlyRefusal.TAG_PREFIX)
                && refusal.contains("\r\ni: compact-1\r\nCSeq: 4 INVITE\r\n"), refusal);
    }

    @Test
    void anInviteInADialogAndEveryInviteWhenNotOverloadedGoOnToTheStack() throws Exception {
        send(invite("in-dialog", "z9hG4bK-reinvite", ";tag=callee"));
        overloaded.set(false);
        send(invite("calm", "z9hG4bK-calm", ""));
        assertTrue(exchange(options("after")).startsWith("SIP/2.0 200"));
        assertEquals(List.of(Request.INVITE, Request.INVITE, Request.OPTIONS), drained());
    }

    @Test
    void aNewInviteThatCannotBeReadPlainlyIsLeftToTheStackAndNeverRefusedHere() throws Exception {
        String good = invite("odd", "z9hG4bK-odd", "");
        List<String> odd = List.of(
                good.replace("Call-ID: odd\r\n", "Call-ID:\r\n odd\r\n"),
                good.replace("Call-ID: odd\r\n", ""),
                good.replace("CSeq: 1 INVITE\r\n", "CSeq: 1 INVITE\r\nTo: <sip:2010@127.0.0.1>\r\n"),
                good.replace("To: <sip:2009@127.0.0.1>", "To: \"Vintage\" <sip:2009@127.0.0.1>"),
                good.substring(0, good.indexOf("\r\n\r\n")),
                "INVITE sip:2009@127.0.0.1 SIP/2.0\r\n" + "Via: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-v\r\n".repeat(17)
                        + good.substring(good.indexOf("From:")),
                "INVITE \u0000\u00ff\r\n\r\n");
        for (String datagram : odd) {
            send(datagram);
        }
        send(options("after"));
        List<String> answers = new ArrayList<>();
        String last;
        do {
            last = receive();
            answers.add(last);
        } while (!last.startsWith("SIP/2.0 200"));
        for (String answer : answers) {
            assertFalse(answer.startsWith("SIP/2.0 503"), answer);
        }
    }

    private String toTag(String response) {
        Matcher tag = TO_TAG.matcher(response);
        assertTrue(tag.find(), response);
        return tag.group(1);
    }

    private String invite(String callId, String branch, String toTag) {
        return "INVITE sip:2009@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + loopback.peer().port() + ";branch=" + branch
                + ";rport\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-below\r\nMax-Forwards: 70\r\n"
                + "From: <sip:2001@127.0.0.1>;tag=caller\r\nTo: <sip:2009@127.0.0.1>" + toTag + "\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 INVITE\r\nContact: <sip:2001@127.0.0.1:" + loopback.peer().port() + ">\r\nContent-Length: 0\r\n\r\n";
    }

    private DatagramPacket datagram(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        return new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", loopback.peer().port()));
    }

    private String options(String branch) {
        return new String(SipProbe.options(loopback.port(), loopback.peer().port(), branch), StandardCharsets.US_ASCII);
    }

    private void send(String datagram) throws IOException {
        loopback.peer().send(datagram);
    }

    private String receive() throws IOException {
        return loopback.peer().receive();
    }

    private String exchange(String request) throws IOException {
        return loopback.peer().exchange(request);
    }

    private List<String> drained() {
        List<String> methods = new ArrayList<>();
        seen.drainTo(methods);
        return methods;
    }

    /** Notes each request's method; answers OPTIONS with 200. */
    private final class Recording implements RequestListener {
        private SipEndpoint endpoint;

        @Override
        public void processRequest(RequestEvent event) {
            seen.add(event.getRequest().getMethod());
            if (event.getRequest().getMethod().equals(Request.OPTIONS)) {
                try {
                    endpoint.provider().sendResponse(endpoint.messages.createResponse(Response.OK, event.getRequest()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
