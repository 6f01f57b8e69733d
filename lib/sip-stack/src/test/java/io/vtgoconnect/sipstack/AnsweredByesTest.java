package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.SipLines;
import io.vtgoconnect.testing.peers.SipProbe;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BYEs answered once and then from what was kept of the answer, over a real socket into an endpoint: what the
 * sender gets each time, what the listener sees, and what is left to the stack (a BYE from
 * elsewhere, after Timer J, beyond the bound, or one that cannot be read plainly).
 */
class AnsweredByesTest {
    private final AtomicLong now = new AtomicLong();
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private final List<ServerTransaction> answered = new CopyOnWriteArrayList<>();
    private LoopbackEndpoint loopback;

    @BeforeEach
    void open() throws Exception {
        Answering listener = new Answering();
        loopback = LoopbackEndpoint.open(listener);
        listener.endpoint = loopback.endpoint();
        loopback.endpoint().answerByesAgainFrom(new AnsweredByes(2, now::get));
    }

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void aByeSentAgainGetsTheSameAnswerWithoutReachingTheListenerWhoseTransactionIsAlreadyOver() throws Exception {
        String bye = bye("call-1", "z9hG4bK-first", 2);
        String first = exchange(bye);
        assertTrue(first.startsWith("SIP/2.0 200 OK\r\n") && first.contains("Call-ID: call-1\r\n")
                && first.contains("CSeq: 2 BYE\r\n") && first.contains("branch=z9hG4bK-first"), first);
        assertEquals(TransactionState.TERMINATED, answered.get(0).getState(), "the BYE's transaction is let go as it is answered");

        now.addAndGet(AnsweredByes.KEPT_NANOS);
        assertEquals(SipLines.said(first), SipLines.said(exchange(bye)), "sent again within Timer J: the same answer");
        assertEquals(SipLines.said(first), SipLines.said(exchange(bye.replace("Via: ", "v:  ").replace("CSeq: 2 BYE", "CSeq:  2  BYE"))),
                "the same BYE with a compact Via and more white space");
        assertEquals(List.of(Request.BYE, Request.OPTIONS), methodsSeenUntilOptions(), "requests the listener saw");
    }

    @Test
    void aByeFromElsewhereWithAnotherCSeqPastTheBoundOrAfterTimerJReachesTheListener() throws Exception {
        String a = bye("call-a", "z9hG4bK-a", 2);
        exchange(a);
        try (DatagramSocket elsewhere = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] bytes = a.getBytes(StandardCharsets.US_ASCII);
            elsewhere.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", loopback.port())));
            exchange(a.replace("CSeq: 2 BYE", "CSeq: 3 BYE"));
            assertEquals(List.of(Request.BYE, Request.BYE, Request.BYE, Request.OPTIONS), methodsSeenUntilOptions(),
                    "the same BYE from another port, and one with another CSeq");
        }

        // Two answers kept at most: a third lets go of the oldest.
        String b = bye("call-b", "z9hG4bK-b", 2);
        String c = bye("call-c", "z9hG4bK-c", 2);
        exchange(b);
        exchange(c);
        exchange(b);
        exchange(a);
        assertEquals(List.of(Request.BYE, Request.BYE, Request.BYE, Request.OPTIONS), methodsSeenUntilOptions(),
                "b and c answered, b again from its answer, a again (let go) answered anew");

        exchange(c);
        now.addAndGet(AnsweredByes.KEPT_NANOS + 1);
        exchange(c);
        assertEquals(List.of(Request.BYE, Request.OPTIONS), methodsSeenUntilOptions(), "c again within Timer J, and after it");
    }

    @Test
    void aByeThatCannotBeReadPlainlyFindsNoAnswerAndTheStackStillReadsAfterGarbage() throws Exception {
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", loopback.peer().port());
        String bye = bye("call-1", "z9hG4bK-kept", 2);
        AnsweredByes answers = new AnsweredByes(10);
        answers.remember("z9hG4bK-kept", "call-1", 2, from, 200, "OK", null);
        String again = new String(answers.answerFor(packet(bye, from)), StandardCharsets.US_ASCII);
        assertTrue(again.startsWith("SIP/2.0 200 OK\r\n") && again.contains("Call-ID: call-1\r\n"), again);
        // A BYE outside any dialog, its 481 with a To tag of ours: the tag again.
        String untagged = bye("call-2", "z9hG4bK-untagged", 3).replace(";tag=callee", "");
        answers.remember("z9hG4bK-untagged", "call-2", 3, from, 481, "Call/Transaction Does Not Exist", "ours");
        String refused = new String(answers.answerFor(packet(untagged, from)), StandardCharsets.US_ASCII);
        assertTrue(refused.startsWith("SIP/2.0 481 Call/Transaction Does Not Exist\r\n")
                && refused.contains("\r\nTo: <sip:2009@127.0.0.1>;tag=ours\r\n"), refused);
        List<String> odd = List.of(bye.replace("Call-ID: call-1\r\n", "Call-ID:\r\n call-1\r\n"),
                bye.replace(";branch=z9hG4bK-kept", ""), bye.replace("CSeq: 2 BYE", "CSeq: 99999999999 BYE"),
                bye.replace("CSeq: 2 BYE", "CSeq: BYE"), bye.replace("CSeq: 2 BYE", "CSeq: 2"),
                bye.substring(0, bye.indexOf("\r\n\r\n")), bye.replace("BYE sip", "bye sip"),
                "BYE \u0000\u00ff\r\n\r\n", "BYE ");
        for (String datagram : odd) {
            assertNull(answers.answerFor(packet(datagram, from)), datagram);
            send(datagram);
        }
        send(SipProbe.options(loopback.port(), loopback.peer().port(), "after"));
        String last;
        do {
            last = receive();
        } while (!last.contains("CSeq: 1 OPTIONS"));
    }

    @Test
    void atLeastOneAnswerIsKept() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AnsweredByes(0));
        assertEquals("At least one answer must be kept, not 0", refused.getMessage());
    }

    private static DatagramPacket packet(String datagram, InetSocketAddress from) {
        byte[] bytes = datagram.getBytes(StandardCharsets.ISO_8859_1);
        return new DatagramPacket(bytes, bytes.length, from);
    }

    /** The methods the listener saw up to an OPTIONS sent now: datagrams reach it in order. */
    private List<String> methodsSeenUntilOptions() throws IOException, InterruptedException {
        send(SipProbe.options(loopback.port(), loopback.peer().port(), "z9hG4bK-until-" + System.nanoTime()));
        String answer;
        do {
            answer = receive();
        } while (!answer.contains("CSeq: 1 OPTIONS"));
        List<String> methods = new ArrayList<>();
        seen.drainTo(methods);
        return methods;
    }

    private String bye(String callId, String branch, int cseq) {
        return "BYE sip:2009@127.0.0.1:" + loopback.port() + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + loopback.peer().port()
                + ";branch=" + branch + ";rport\r\nMax-Forwards: 70\r\nFrom: <sip:2001@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:2009@127.0.0.1>;tag=callee\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void send(String datagram) throws IOException {
        loopback.peer().send(datagram);
    }

    private void send(byte[] datagram) throws IOException {
        loopback.peer().send(datagram);
    }

    private String receive() throws IOException {
        return loopback.peer().receive();
    }

    private String exchange(String request) throws IOException {
        return loopback.peer().exchange(request);
    }

    /** Notes each request's method; answers a BYE with 200 through {@link SipEndpoint#respondToBye}, an OPTIONS with 200. */
    private final class Answering implements RequestListener {
        private SipEndpoint endpoint;

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            seen.add(request.getMethod());
            try {
                if (request.getMethod().equals(Request.BYE)) {
                    ServerTransaction transaction = endpoint.provider().getNewServerTransaction(request);
                    answered.add(transaction);
                    endpoint.respondToBye(transaction, endpoint.messages.createResponse(Response.OK, request));
                } else if (request.getMethod().equals(Request.OPTIONS)) {
                    endpoint.provider().sendResponse(endpoint.messages.createResponse(Response.OK, request));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
