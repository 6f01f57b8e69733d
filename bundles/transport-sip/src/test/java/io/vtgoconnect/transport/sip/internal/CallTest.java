package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Sipp;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through a real Kamailio to and from SIPp; numbers starting with 9 reach the SIPp UAS. */
class CallTest {
    private static final String LINE = "LineUpdate, Line=1(2001), Button=1, State=";
    /** The one RTP port pair of a phone that finds it taken. */
    private static final int NARROW_RTP = 17400;

    private final int uasPort = FreePorts.udpAndTcp();
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");
    private final SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "dtmf_mode", DtmfMode.SIP_INFO), TestLogs.FACTORY);
    private final RecordingListener listener = new RecordingListener();
    private int mark;

    @BeforeEach
    void registerLine() {
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
        phone.start(listener);
        listener.await(CallManagerConnected.class);
        mark = listener.size();
    }

    @AfterEach
    void stopAll() {
        phone.stop();
        kamailio.close();
    }

    private void assertReported(String... expected) {
        assertEquals(List.of(expected).stream().map(line -> "Event : " + line).toList(), listener.lines(mark));
        mark = listener.size();
    }

    private static String outgoing(LineState state, CallRef call, String otherParty) {
        return LINE + state.code() + "(" + state.manualName() + "), CallRef=" + call + ", Direction=outgoing, OtherParty=" + otherParty;
    }

    private static String incoming(LineState state, CallRef call, String otherParty) {
        return LINE + state.code() + "(" + state.manualName() + "), CallRef=" + call + ", Direction=incoming, OtherParty=" + otherParty;
    }

    /** A line just taken off hook shows no direction, as in the manual's transcripts. */
    private static String offHook(CallRef call, String otherParty) {
        return LINE + "1(TsOffHook), CallRef=" + call + ", Direction=, OtherParty=" + otherParty;
    }

    private static final String IDLE = LINE + "0(TsIdle), CallRef=0, Direction=, OtherParty=";

    private void awaitState(LineState state) {
        listener.await(LineUpdate.class, update -> update.state() == state);
    }

    @Test
    void outgoingCallAnsweredThenHungUpHere() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-answer")) {
            CallRef call = phone.dial(1, "9001");
            awaitState(LineState.CONNECTED);
            phone.hangUp(call);
            listener.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
            uas.awaitSuccess();

            assertReported(offHook(call, ""), outgoing(LineState.PROCEED, call, ""),
                    outgoing(LineState.PROCEED, call, "9001"), outgoing(LineState.RING_OUT, call, "9001"),
                    "PartyPickup,  CallRef=" + call, outgoing(LineState.CONNECTED, call, "9001"),
                    "PartyHangup,  CallRef=" + call, IDLE);
        }
    }

    /** The line shows off hook as the dial is taken, before the media's ports are bound: with none free it goes back. */
    @Test
    void aDialWithNoFreeRtpPortShowsTheLineOffHookThenHungUpAndIsRefused() throws IOException {
        SipSoftphone narrow = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "rtp_port_min", NARROW_RTP,
                "rtp_port_max", NARROW_RTP + 1), TestLogs.FACTORY);
        RecordingListener heard = new RecordingListener();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket rtpTaken = new DatagramSocket(new InetSocketAddress(loopback, NARROW_RTP));
                DatagramSocket rtcpTaken = new DatagramSocket(new InetSocketAddress(loopback, NARROW_RTP + 1))) {
            narrow.addLine(Configs.line("2002", Kamailio.password("2002"), kamailio.port));
            narrow.start(heard);
            heard.await(CallManagerConnected.class);
            int before = heard.size();

            CommandException refused = assertThrows(CommandException.class, () -> narrow.dial(1, "9001"));

            assertEquals(ErrorCode.ERROR_MAKE_CALL, refused.code());
            CallRef shown = heard.await(LineUpdate.class, update -> update.state() == LineState.OFF_HOOK).callRef();
            String line = "LineUpdate, Line=1(2002), Button=1, State=";
            assertEquals(List.of("Event : " + line + "1(TsOffHook), CallRef=" + shown + ", Direction=, OtherParty=",
                    "Event : PartyHangup,  CallRef=" + shown,
                    "Event : " + line + "0(TsIdle), CallRef=0, Direction=, OtherParty="), heard.lines(before));
        } finally {
            narrow.stop();
        }
    }

    @Test
    void outgoingCallHungUpByTheFarEnd() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-hangup")) {
            CallRef call = phone.dial(1, "9002");
            awaitState(LineState.CONNECTED);
            listener.await(PartyHangup.class);
            awaitState(LineState.IDLE);
            uas.awaitSuccess();

            List<String> tail = listener.lines(mark).subList(listener.lines(mark).size() - 2, listener.lines(mark).size());
            assertEquals(List.of("Event : PartyHangup,  CallRef=" + call, "Event : " + IDLE), tail);
        }
    }

    @Test
    void hangingUpWhileRingingOutCancels() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-ring")) {
            CallRef call = phone.dial(1, "9007");
            awaitState(LineState.RING_OUT);
            phone.hangUp(call);
            uas.awaitSuccess();

            assertReported(offHook(call, ""), outgoing(LineState.PROCEED, call, ""),
                    outgoing(LineState.PROCEED, call, "9007"), outgoing(LineState.RING_OUT, call, "9007"),
                    "PartyHangup,  CallRef=" + call, IDLE);
        }
    }

    @Test
    void earlyMediaIsMeasuredWhileRingingOutAndEndCallCancels() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-early-media")) {
            CallRef call = phone.dial(1, "9011");
            awaitState(LineState.RING_OUT);

            CallStatsUpdate stats = CallStatistics.await(phone, call, CallStatistics::flowsBothWays);

            assertEquals(call, stats.callRef());
            phone.hangUp(call);
            uas.awaitSuccess();
            listener.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
        }
    }

    @Test
    void ringingOutWithoutEarlyMediaHasNoStatistics() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-ring")) {
            CallRef call = phone.dial(1, "9012");
            awaitState(LineState.RING_OUT);

            CommandException refusal = assertThrows(CommandException.class, () -> phone.callStats(call));

            assertEquals(ErrorCode.ERROR_NO_CALL, refusal.code());
            phone.hangUp(call);
            uas.awaitSuccess();
        }
    }

    @Test
    void transferIsAReferAndEndsTheCallOnceAccepted() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-refer")) {
            CallRef call = phone.dial(1, "9008");
            awaitState(LineState.CONNECTED);

            phone.transfer(call, "9100");

            listener.await(PartyHangup.class, hangup -> hangup.callRef().equals(call));
            awaitState(LineState.IDLE);
            uas.awaitSuccess();
        }
    }

    @Test
    void transferredByTheFarEndCallsTheTargetAndReportsItsAnswer() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-transfer-me", "TARGET", "2002");
                RegisteredPhone target = new RegisteredPhone("2002", kamailio)) {
            CallRef call = phone.dial(1, "9009");
            awaitState(LineState.CONNECTED);

            IncomingCall atTarget = target.events.await(IncomingCall.class);
            assertEquals("2001", atTarget.callerId());
            target.phone.answer(atTarget.callRef());

            LineUpdate transferred = listener.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED
                    && update.otherParty().equals("2002"));
            listener.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(call));
            uas.awaitSuccess();
            CallStatistics.await(phone, transferred.callRef(), CallStatistics::flowsBothWays);
        }
    }

    @Test
    void heldAndResumedByReinvite() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-hold", "HOLD_ANSWER_MS", "0")) {
            CallRef call = phone.dial(1, "9005");
            awaitState(LineState.CONNECTED);
            phone.hold(call);
            awaitState(LineState.HOLD);
            phone.resume(call);
            // As in the manual's transcript 1: the resumed party is picked up again, then connected.
            listener.await(PartyPickup.class, pickup -> pickup.callRef().equals(call));
            awaitState(LineState.CONNECTED);
            phone.hangUp(call);
            awaitState(LineState.IDLE);
            uas.awaitSuccess();
        }
    }

    @Test
    void aResumeAskedBeforeTheFarEndAgreedToTheHoldFollowsItsAnswer() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-hold", "HOLD_ANSWER_MS", "1500")) {
            CallRef call = phone.dial(1, "9005");
            awaitState(LineState.CONNECTED);
            phone.hold(call);
            phone.resume(call);
            // The far end sees one re-INVITE at a time (no glare): held once it agrees, then resumed.
            awaitState(LineState.HOLD);
            listener.await(PartyPickup.class, pickup -> pickup.callRef().equals(call));
            awaitState(LineState.CONNECTED);
            phone.hangUp(call);
            awaitState(LineState.IDLE);
            uas.awaitSuccess();
        }
    }

    @Test
    void aConferenceCommittedBeforeTheFarEndAgreedToTheHoldResumesItsCall() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-hold", "HOLD_ANSWER_MS", "3000");
                RegisteredPhone added = new RegisteredPhone("2002", kamailio)) {
            CallRef call = phone.dial(1, "9005");
            awaitState(LineState.CONNECTED);
            CallRef consult = phone.conferenceInitiate(call, "2002");
            IncomingCall atAdded = added.events.await(IncomingCall.class);
            added.phone.answer(atAdded.callRef());
            listener.await(LineUpdate.class, update -> update.callRef().equals(consult) && update.state() == LineState.CONNECTED);

            // The far end takes 3 s to agree to the hold: the commit comes first, and resumes the call after it.
            phone.conferenceCommit(call, consult);
            listener.awaitSeen(LineUpdate.class, update -> update.callRef().equals(call) && update.state() == LineState.HOLD);
            listener.await(LineUpdate.class, update -> update.callRef().equals(call) && update.state() == LineState.CONNECTED);
            phone.hangUp(call);
            uas.awaitSuccess();
            phone.hangUp(consult);
            added.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(atAdded.callRef()));
        }
    }

    @Test
    void mediaFlowsBothWaysAndShowsInTheStatistics() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-answer")) {
            CallRef call = phone.dial(1, "9006");
            awaitState(LineState.CONNECTED);

            CallStatsUpdate stats = CallStatistics.await(phone, call, CallStatistics::flowsBothWays);

            assertEquals("G711u:20ms", stats.codec());
            assertEquals("127.0.0.1", stats.otherStation().address());
            phone.hangUp(call);
            uas.awaitSuccess();
        }
    }

    @Test
    void busyFarEndIsTsBusyAndPartyBusy() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-refuse", "STATUS", "486 Busy Here")) {
            CallRef call = phone.dial(1, "9003");
            awaitState(LineState.BUSY);
            uas.awaitSuccess();
            phone.hangUp(call);

            assertReported(offHook(call, ""), outgoing(LineState.PROCEED, call, ""),
                    outgoing(LineState.PROCEED, call, "9003"), outgoing(LineState.BUSY, call, "9003"),
                    "PartyBusy,  CallRef=" + call, "PartyHangup,  CallRef=" + call, IDLE);
        }
    }

    @Test
    void unknownNumberIsTsInvalidNumber() {
        CallRef call = phone.dial(1, "2999");

        LineUpdate invalid = listener.await(LineUpdate.class, update -> update.state() == LineState.INVALID_NUMBER);

        assertEquals(call, invalid.callRef());
    }

    @Test
    void serverErrorIsTsCongestion() {
        try (Sipp uas = Sipp.uas(uasPort, "uas-refuse", "STATUS", "503 Service Unavailable")) {
            CallRef call = phone.dial(1, "9004");

            LineUpdate congestion = listener.await(LineUpdate.class, update -> update.state() == LineState.CONGESTION);

            assertEquals(call, congestion.callRef());
            uas.awaitSuccess();
        }
    }

    @Test
    void incomingCallAnsweredThenHungUpByTheCaller() {
        try (Sipp uac = Sipp.uac("uac-call", kamailio.port, "2001")) {
            IncomingCall ringing = listener.await(IncomingCall.class);
            CallRef call = ringing.callRef();
            phone.answer(call);
            listener.await(PartyHangup.class);
            awaitState(LineState.IDLE);
            uac.awaitSuccess();

            assertReported(incoming(LineState.RING_IN, call, ""), incoming(LineState.RING_IN, call, "3001"),
                    "IncomingCall, CallRef=" + call + ", Line=2001, CallerID=3001",
                    offHook(call, "3001"), "PartyPickup,  CallRef=" + call,
                    incoming(LineState.CONNECTED, call, "3001"), "PartyHangup,  CallRef=" + call, IDLE);
        }
    }
}
