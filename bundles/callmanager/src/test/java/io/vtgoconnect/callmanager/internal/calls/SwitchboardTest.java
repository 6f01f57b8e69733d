package io.vtgoconnect.callmanager.internal.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.TestLogs;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.G722Codec;
import io.vtgoconnect.media.MediaDirection;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** The switchboard's SIP and SDP rules and the legs' states, with no socket: what it sends is recorded. */
class SwitchboardTest {
    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
    private final FakeSip sip = new FakeSip();
    private final TestLogs logs = new TestLogs();
    private final Switchboard board = new Switchboard(sip.parts, sip.ports(), logs.factory());
    /** The SDP the server offered the callee of the last call {@link #callAnsweredIn} made. */
    private String offeredToCallee;

    private ServerTransaction invite(String body) throws ParseException {
        return invite(body, 1);
    }

    /** The INVITE of call {@code call-<n>} from 2001 to 2002. */
    private ServerTransaction invite(String body, int n) throws ParseException {
        return sip.received(sip.request(body, "INVITE sip:2002@127.0.0.1:5060 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + n, "From: <sip:2001@127.0.0.1>;tag=a" + n,
                "To: <sip:2002@127.0.0.1>", "Call-ID: call-" + n, "CSeq: 1 INVITE", "Contact: <sip:2001@127.0.0.1:5070>",
                "Max-Forwards: 70", "Content-Type: application/sdp"));
    }

    @Test
    void aMalformedOfferGets488AndNoTrying() throws Exception {
        String[] malformed = {"v=0\r\nm=audio notaport RTP/AVP 0\r\n", "garbage", "v=0\r\nm=video 4000 RTP/AVP 31\r\n"};
        for (String offer : malformed) {
            Optional<Leg> leg = board.acceptInvite(invite(offer), "2001");
            assertTrue(leg.isEmpty(), offer);
        }
        assertEquals(List.of(488, 488, 488), sip.statuses());
        assertTrue(board.legs().isEmpty());
        assertEquals(3, logs.lines().size(), logs.lines().toString());
    }

    @Test
    void aCallerIsAnsweredInItsCodecThenConnectedByItsAck() throws Exception {
        Leg caller = board.acceptInvite(invite(OFFER), "2001").orElseThrow();
        assertEquals(List.of(), sip.statuses());
        assertEquals(Leg.State.INVITING, caller.state());
        assertTrue(caller.isWaitingForAnswer());

        board.ringing(caller);
        board.answer(caller);
        assertEquals(List.of(180, 200), sip.statuses());
        assertTrue(new String(sip.responses.get(1).getRawContent()).contains("RTP/AVP 8 101"));
        FakeSip.FakeMedia media = sip.media.get(0);
        assertEquals(new InetSocketAddress("127.0.0.1", 30000), media.remote);
        assertEquals(MediaDirection.SENDRECV, media.direction);
        assertEquals(Leg.State.ANSWERING, caller.state());

        board.acknowledged(caller);
        assertEquals(Leg.State.CONNECTED, caller.state());
        board.end(caller);
        assertEquals(Leg.State.ENDED, caller.state());
        assertTrue(media.closed);
        assertTrue(board.legs().isEmpty());
    }

    @Test
    void theStateMachineRefusesWhatItHasNot() throws Exception {
        Leg caller = board.acceptInvite(invite(OFFER), "2001").orElseThrow();
        assertThrows(IllegalStateException.class, caller::cancelling, "a caller is never cancelled by the server");
        board.answer(caller);
        assertThrows(IllegalStateException.class, caller::answering, "answered twice");
        board.end(caller);
        assertThrows(IllegalStateException.class, () -> caller.connected(Optional.empty()), "an ended leg comes back");
    }

    @Test
    void noFreePortIsServiceUnavailable() throws Exception {
        sip.portsFree = false;
        assertTrue(board.acceptInvite(invite(OFFER), "2001").isEmpty());
        assertEquals(List.of(503), sip.statuses());
    }

    @Test
    void aCalleeHungUpBeforeItAnswersIsCancelledAndA200ThatCrossesTheCancelIsEndedWithBye() throws Exception {
        List<String> heard = new ArrayList<>();
        Leg callee = board.call(contact(), "2002", "2001", recording(heard), List.of()).orElseThrow();
        assertEquals(List.of(Request.INVITE), methods());
        respond(180, Request.INVITE, 1);
        assertEquals(List.of("ringing"), heard);

        board.hangUp(callee);
        assertEquals(Leg.State.CANCELLING, callee.state());
        assertEquals(List.of(Request.INVITE, Request.CANCEL), methods());
        assertTrue(board.legsOn("2002").isEmpty());

        respond(200, Request.INVITE, 1);
        assertEquals(Leg.State.ENDED, callee.state());
        assertEquals(List.of(Request.INVITE, Request.CANCEL, Request.ACK, Request.BYE), methods());
        assertEquals(List.of("ringing"), heard, "the owner that hung up hears no answer");
    }

    @Test
    void aCalleeThatRefusesFailsWithItsStatusAndRedirect() throws Exception {
        List<String> heard = new ArrayList<>();
        Leg callee = board.call(contact(), "2002", "2001", recording(heard), List.of()).orElseThrow();
        respond(302, Request.INVITE, 1);
        assertEquals(Leg.State.ENDED, callee.state());
        assertEquals(List.of("failed 302 6000"), heard);
        assertTrue(board.legs().isEmpty());
    }

    @Test
    void theAnswerToTheByeOfALegTheServerHungUpIsAwaitedByNobodyWhileAnAnswerToALiveLegIs() throws Exception {
        Leg callee = board.call(contact(), "2002", "2001", Leg.Progress.NONE, List.of()).orElseThrow();
        Response answer = sip.parts.messages().createResponse(200, sip.requests.get(0));
        ((ToHeader) answer.getHeader(ToHeader.NAME)).setTag("callee");
        assertTrue(board.isAwaited(new ResponseEvent(this, null, callee.dialog(), answer)), "the callee's leg waits for its answer");
        board.responded(new ResponseEvent(this, null, callee.dialog(), answer));

        board.hangUp(callee);
        assertEquals(List.of(Request.INVITE, Request.ACK, Request.BYE), methods());
        Response byeAnswered = sip.parts.messages().createResponse(200, sip.requests.get(2));
        assertFalse(board.isAwaited(new ResponseEvent(this, null, null, byeAnswered)),
                "the leg is forgotten and no exchange waits: the answer needs no exclusive turn");
    }

    private static final String WIDEBAND_OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 9 8 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n";

    /** The callee answers the server's INVITE with 200 and an SDP answer in the payload types given. */
    private void answerInvite(Switchboard switchboard, Leg callee, String payloadTypes) throws Exception {
        Response ok = sip.parts.messages().createResponse(200, sip.requests.get(0));
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee");
        ok.setContent("v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP "
                + payloadTypes + "\r\n", sip.parts.headers().createContentTypeHeader("application", "sdp"));
        switchboard.responded(new ResponseEvent(this, null, callee.dialog(), ok));
    }

    private static String sdpOf(Message message) {
        return new String(message.getRawContent());
    }

    /**
     * Call {@code call-<n>} of a caller offering G.722 and PCMA, through the switchboard, to a
     * callee that answers in the payload types given. @return the caller's leg, then the callee's
     */
    private Leg[] callAnsweredIn(Switchboard switchboard, int n, String payloadTypes) throws Exception {
        sip.requests.clear();
        Leg caller = switchboard.acceptInvite(invite(WIDEBAND_OFFER, n), "2001").orElseThrow();
        Leg callee = switchboard.call(contact(), "2002", caller, Leg.Progress.NONE).orElseThrow();
        offeredToCallee = sdpOf(sip.requests.get(0));
        answerInvite(switchboard, callee, payloadTypes);
        return new Leg[] {caller, callee};
    }

    @Test
    void aCalleeIsOfferedTheCallersCodecsOnItsPayloadTypesThenTheOthersAndTheCallerIsAnsweredInTheCalleesChoice()
            throws Exception {
        Leg[] legs = callAnsweredIn(board, 1, "8 101");
        Leg caller = legs[0];
        assertTrue(offeredToCallee.contains("RTP/AVP 9 8 101 0 111\r\n"), offeredToCallee);

        assertTrue(board.agreeCodecs(caller, legs[1]));
        board.answer(caller);

        assertTrue(sdpOf(sip.responses.get(0)).contains("RTP/AVP 8 101\r\n"), "the caller is answered in PCMA");
        assertEquals(G711Codec.PCMA, sip.media.get(0).codec);
        assertEquals(G711Codec.PCMA, sip.media.get(1).codec);
    }

    @Test
    void aCalleeAnsweringInACodecTheCallerDidNotOfferIsTranscodedOrWithTranscodingOffRefused() throws Exception {
        Leg[] legs = callAnsweredIn(board, 1, "0");
        Leg caller = legs[0];
        assertTrue(board.agreeCodecs(caller, legs[1]));
        board.answer(caller);
        assertTrue(sdpOf(sip.responses.get(0)).contains("RTP/AVP 9 101\r\n"), "the caller is answered in its own G.722");
        assertEquals(G722Codec.G722, sip.media.get(0).codec);
        assertEquals(G711Codec.PCMU, sip.media.get(1).codec);

        Switchboard strict = new Switchboard(sip.parts, sip.ports(), logs.factory(), Turns.SINGLE, 0, false);
        Leg[] strictLegs = callAnsweredIn(strict, 2, "0");
        assertTrue(offeredToCallee.contains("RTP/AVP 9 8 101\r\n"), "only the caller's codecs are offered: " + offeredToCallee);
        assertFalse(strict.agreeCodecs(strictLegs[0], strictLegs[1]), "a callee that answers outside the offer is refused");
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("488")), logs.lines().toString());
    }

    private SipURI contact() throws ParseException {
        return sip.parts.addresses().createSipURI("2002", "127.0.0.1");
    }

    private List<String> methods() {
        return sip.requests.stream().map(Request::getMethod).toList();
    }

    /** The callee's answer to the server's INVITE, as the stack hands it over. */
    private void respond(int status, String method, long cseq) throws Exception {
        Request invite = sip.requests.get(0);
        Response response = sip.parts.messages().createResponse(status, invite);
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("callee");
        CSeqHeader sequence = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        sequence.setMethod(method);
        sequence.setSeqNumber(cseq);
        if (status == 302) {
            response.addHeader(sip.parts.headers().createContactHeader(sip.parts.addresses().createAddress("sip:6000@127.0.0.1")));
        }
        ClientTransaction transaction = null;
        board.responded(new ResponseEvent(this, transaction, board.legs().isEmpty() ? null
                : board.legs().get(0).dialog(), response));
    }

    private static Leg.Progress recording(List<String> heard) {
        return new Leg.Progress() {
            @Override
            public void ringing(Leg leg) {
                heard.add("ringing");
            }

            @Override
            public void answered(Leg leg) {
                heard.add("answered");
            }

            @Override
            public void failed(Leg leg, int status, String reason, Optional<String> redirectedTo) {
                heard.add("failed " + status + " " + redirectedTo.orElse(""));
            }
        };
    }
}
