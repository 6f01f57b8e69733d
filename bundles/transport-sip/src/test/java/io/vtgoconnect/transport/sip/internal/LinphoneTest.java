package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.DtmfReceived;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Linphone;
import io.vtgoconnect.testing.peers.Linphone.CallState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Our phone (2001, and 2002 for transfers) with linphone-daemon (2003) as the far end, through one Kamailio. */
class LinphoneTest {
    private static final String LINE = "LineUpdate, Line=1(2001), Button=1, State=";
    private static final String IDLE = LINE + "0(TsIdle), CallRef=0, Direction=, OtherParty=";

    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final List<SipSoftphone> phones = new ArrayList<>();
    private final RecordingListener events = new RecordingListener();
    private Linphone linphone;

    @BeforeEach
    void startLinphone() {
        linphone = new Linphone("2003", kamailio.port);
    }

    @AfterEach
    void stopAll() {
        phones.forEach(SipSoftphone::stop);
        if (linphone != null) {
            linphone.close();
        }
        kamailio.close();
    }

    /** One of our phones, registered as the number; {@code settings} are pairs of phone setting and value. */
    private SipSoftphone phone(String number, RecordingListener listener, Object... settings) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), settings), TestLogs.FACTORY);
        phones.add(phone);
        phone.addLine(Configs.line(number, Kamailio.password(number), kamailio.port));
        phone.start(listener);
        listener.await(CallManagerConnected.class);
        return phone;
    }

    /** A second phone of ours, with RTP ports of its own. */
    private SipSoftphone secondPhone(RecordingListener listener) {
        return phone("2002", listener, "rtp_port_min", 17000, "rtp_port_max", 17998);
    }

    /** The same call on both sides: our reference and linphone's call id. */
    private record Call(CallRef ours, int linphones) {
    }

    /** Our phone calls linphone, which answers; returns once both have the call up. */
    private Call callAnsweredByLinphone(SipSoftphone phone) {
        CallRef ours = phone.dial(1, "2003");
        int linphones = linphone.awaitCall(CallState.INCOMING_RECEIVED);
        linphone.answer(linphones);
        awaitState(events, ours, LineState.CONNECTED);
        linphone.awaitState(linphones, CallState.STREAMS_RUNNING);
        return new Call(ours, linphones);
    }

    private static void awaitState(RecordingListener listener, CallRef call, LineState state) {
        listener.await(LineUpdate.class, update -> update.callRef().equals(call) && update.state() == state);
    }

    private static void awaitIdle(RecordingListener listener) {
        listener.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }

    /** What the phone reported since the mark, but the registrar keep-alives. */
    private static List<String> callEvents(RecordingListener listener, int mark) {
        return listener.lines(mark).stream().filter(line -> !line.equals("Event : ConnectionKeepAlive")).toList();
    }

    private static String outgoing(LineState state, CallRef call, String otherParty) {
        return "Event : " + LINE + state.code() + "(" + state.manualName() + "), CallRef=" + call
                + ", Direction=outgoing, OtherParty=" + otherParty;
    }

    @Test
    void answeredByLinphoneWithAudioBothWays() {
        SipSoftphone phone = phone("2001", events);
        int mark = events.size();
        Call call = callAnsweredByLinphone(phone);

        CallStatsUpdate first = CallStatistics.await(phone, call.ours(), CallStatistics::flowsBothWays);
        CallStatsUpdate later = CallStatistics.await(phone, call.ours(),
                stats -> stats.sent() > first.sent() && stats.received() > first.received());
        linphone.awaitAudioReceived(call.linphones());

        assertEquals("G711u:20ms", later.codec());
        assertEquals("127.0.0.1", later.otherStation().address());
        assertEquals(List.of("Event : LineUpdate, Line=1(2001), Button=1, State=1(TsOffHook), CallRef=" + call.ours()
                        + ", Direction=, OtherParty=",
                outgoing(LineState.PROCEED, call.ours(), ""), outgoing(LineState.PROCEED, call.ours(), "2003"),
                outgoing(LineState.RING_OUT, call.ours(), "2003"), "Event : PartyPickup,  CallRef=" + call.ours(),
                outgoing(LineState.CONNECTED, call.ours(), "2003")), callEvents(events, mark));
        phone.hangUp(call.ours());
        linphone.awaitState(call.linphones(), CallState.END);
    }

    @Test
    void digitsSentAsTelephoneEventsReachLinphone() {
        SipSoftphone phone = phone("2001", events, "dtmf_mode", DtmfMode.RFC4733);
        Call call = callAnsweredByLinphone(phone);

        phone.sendDtmf(call.ours(), "1234#");

        assertEquals("1234#", linphone.awaitDigits(5));
    }

    @Test
    void digitsSentAsSipInfoReachLinphone() {
        SipSoftphone phone = phone("2001", events, "dtmf_mode", DtmfMode.SIP_INFO);
        Call call = callAnsweredByLinphone(phone);

        phone.sendDtmf(call.ours(), "1234#");

        assertEquals("1234#", linphone.awaitDigits(5));
    }

    @Test
    void heldAndResumedHereTheAudioComesBack() {
        SipSoftphone phone = phone("2001", events);
        Call call = callAnsweredByLinphone(phone);

        phone.hold(call.ours());
        awaitState(events, call.ours(), LineState.HOLD);
        linphone.awaitState(call.linphones(), CallState.PAUSED_BY_REMOTE);
        CallStatsUpdate held = phone.callStats(call.ours());
        phone.resume(call.ours());
        awaitState(events, call.ours(), LineState.CONNECTED);
        linphone.awaitState(call.linphones(), CallState.STREAMS_RUNNING);

        CallStatistics.await(phone, call.ours(), stats -> stats.received() > held.received());
    }

    @Test
    void heldAndResumedByLinphoneOurLineStaysConnected() {
        SipSoftphone phone = phone("2001", events);
        Call call = callAnsweredByLinphone(phone);
        int mark = events.size();

        linphone.pause(call.linphones());
        linphone.awaitState(call.linphones(), CallState.PAUSED);
        linphone.resume(call.linphones());
        linphone.awaitState(call.linphones(), CallState.STREAMS_RUNNING);

        events.await(PartyPickup.class, pickup -> pickup.callRef().equals(call.ours()));
        assertEquals(List.of("Event : PartyPickup,  CallRef=" + call.ours()), callEvents(events, mark));
    }

    @Test
    void transferredInOneStepLinphoneCallsOurSecondPhone() {
        SipSoftphone phone = phone("2001", events);
        RecordingListener secondEvents = new RecordingListener();
        SipSoftphone second = secondPhone(secondEvents);
        Call call = callAnsweredByLinphone(phone);
        int mark = events.size();

        phone.transfer(call.ours(), "2002");

        linphone.awaitState(call.linphones(), CallState.REFERRED);
        events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call.ours()));
        awaitIdle(events);
        IncomingCall ringing = secondEvents.await(IncomingCall.class);
        assertEquals("2003", ringing.callerId());
        int referred = linphone.awaitCall(CallState.OUTGOING_RINGING);
        assertEquals("2002", linphone.otherParty(referred));
        second.answer(ringing.callRef());
        awaitState(secondEvents, ringing.callRef(), LineState.CONNECTED);
        linphone.awaitState(referred, CallState.STREAMS_RUNNING);
        // Linphone holds the call before it calls 2002 (RFC 5589), so its re-INVITE crosses 2001's BYE.
        assertEquals(List.of("Event : PartyHangup,  CallRef=" + call.ours(), "Event : " + IDLE), callEvents(events, mark),
                "2001 after the transfer");
    }

    @Test
    void callFromLinphoneAnsweredThenHungUpByLinphone() {
        SipSoftphone phone = phone("2001", events);

        int linphones = linphone.call("2001");
        IncomingCall ringing = events.await(IncomingCall.class);
        assertEquals("2003", ringing.callerId());
        assertEquals("2001", ringing.line());
        phone.answer(ringing.callRef());
        awaitState(events, ringing.callRef(), LineState.CONNECTED);
        linphone.awaitState(linphones, CallState.STREAMS_RUNNING);
        linphone.hangUp(linphones);

        events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        awaitIdle(events);
    }

    /**
     * Linphone ends up in a new call with 2002 in place of its call with 2001 (an INVITE with
     * Replaces), 2002 talks with 2003, and 2001 has no call left.
     */
    @Test
    void consultativeTransferJoinsLinphoneWithOurSecondPhone() {
        SipSoftphone phone = phone("2001", events);
        RecordingListener secondEvents = new RecordingListener();
        SipSoftphone second = secondPhone(secondEvents);
        Call call = callAnsweredByLinphone(phone);

        CallRef consult = phone.transferInitiate(call.ours(), "2002");
        awaitState(events, call.ours(), LineState.HOLD);
        linphone.awaitState(call.linphones(), CallState.PAUSED_BY_REMOTE);
        IncomingCall ringing = secondEvents.await(IncomingCall.class);
        assertEquals("2001", ringing.callerId());
        second.answer(ringing.callRef());
        awaitState(events, consult, LineState.CONNECTED);
        phone.transferCommit(call.ours(), consult);

        int joined = linphone.awaitCall(CallState.STREAMS_RUNNING);
        assertNotEquals(call.linphones(), joined);
        assertEquals("2002", linphone.otherParty(joined));
        linphone.awaitState(call.linphones(), CallState.END);
        secondEvents.await(LineUpdate.class,
                update -> update.state() == LineState.CONNECTED && update.otherParty().equals("2003"));
        // Both calls end, in whichever order the far ends hang up.
        events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(call.ours()));
        events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(consult));
        awaitIdle(events);
    }

    @Test
    void digitsLinphoneSendsAreReportedOneByOne() {
        SipSoftphone phone = phone("2001", events);
        Call call = callAnsweredByLinphone(phone);

        for (char digit : "42#".toCharArray()) {
            DtmfReceived received = heardOnceSent(digit);
            assertEquals(call.ours(), received.callRef());
            assertEquals(String.valueOf(digit), received.digit());
        }
    }

    /**
     * Has linphone send the digit, and again while it is not heard: linphone drops a digit asked for
     * while it still sends the one before, whose first packet is all our phone waits for.
     */
    private DtmfReceived heardOnceSent(char digit) {
        for (int attempt = 1; ; attempt++) {
            linphone.sendDtmf(digit);
            try {
                return events.await(DtmfReceived.class, any -> true, Duration.ofSeconds(5));
            } catch (AssertionFailedError notHeard) {
                if (attempt == 3) {
                    throw notHeard;
                }
            }
        }
    }

    @Test
    void transferredByLinphoneOurPhoneCallsTheTarget() {
        SipSoftphone phone = phone("2001", events);
        RecordingListener secondEvents = new RecordingListener();
        SipSoftphone second = secondPhone(secondEvents);
        Call call = callAnsweredByLinphone(phone);

        linphone.transfer(call.linphones(), "2002");

        IncomingCall ringing = secondEvents.await(IncomingCall.class);
        assertEquals("2001", ringing.callerId());
        second.answer(ringing.callRef());
        events.awaitSeen(LineUpdate.class, update -> update.state() == LineState.CONNECTED && update.otherParty().equals("2002"));
        events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(call.ours()));
        linphone.awaitState(call.linphones(), CallState.END);
    }
}
