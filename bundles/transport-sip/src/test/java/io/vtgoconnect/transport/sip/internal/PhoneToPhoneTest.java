package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyBusy;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.media.AudioLevel;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two of our phones call each other through Kamailio: signalling, codec choice and RTP both ways. */
class PhoneToPhoneTest {
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final SipSoftphone caller = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "media_source", "tone:440"),
            TestLogs.FACTORY);
    private final SipSoftphone callee = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "codecs", new String[] {"PCMA"},
            "rtp_port_min", 17000, "rtp_port_max", 17998), TestLogs.FACTORY);
    private final RecordingListener callerEvents = new RecordingListener();
    private final RecordingListener calleeEvents = new RecordingListener();

    @AfterEach
    void stopAll() {
        caller.stop();
        callee.stop();
        kamailio.close();
    }

    private void registerBoth() {
        caller.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
        callee.addLine(Configs.line("2002", Kamailio.password("2002"), kamailio.port, "transport", SipTransportKind.TCP));
        caller.start(callerEvents);
        callee.start(calleeEvents);
        callerEvents.await(CallManagerConnected.class);
        calleeEvents.await(CallManagerConnected.class);
    }

    @Test
    void callAnsweredCarriesAudioBothWaysInTheCodecTheCalleeChose() {
        registerBoth();

        CallRef outgoing = caller.dial(1, "2002");
        IncomingCall ringing = calleeEvents.await(IncomingCall.class);
        assertEquals("2001", ringing.callerId());
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.RING_OUT);
        callee.answer(ringing.callRef());
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);

        CallStatsUpdate callerStats = CallStatistics.await(caller, outgoing, CallStatistics::flowsBothWays);
        CallStatsUpdate calleeStats = CallStatistics.await(callee, ringing.callRef(), CallStatistics::flowsBothWays);
        assertEquals("G711a:20ms", callerStats.codec());
        assertEquals(calleeStats.thisStation().rtpPort(), callerStats.otherStation().rtpPort());
        // The caller's tone reads above silence where it is sent and where it is heard; the callee says nothing.
        callerEvents.awaitLevel(reading -> reading.callRef().equals(outgoing) && reading.sent() > -40);
        calleeEvents.awaitLevel(reading -> reading.callRef().equals(ringing.callRef()) && reading.received() > -40
                && reading.sent() == AudioLevel.FLOOR);

        caller.hangUp(outgoing);
        calleeEvents.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        calleeEvents.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }

    @Test
    void softkeysDndRedialAnswerHoldResumeEndcall() {
        registerBoth();
        assertEquals("Do not disturb is on: calls ringing in are refused as busy.", callee.softkey(Softkey.DND, 1, CallRef.NONE));
        CallRef refused = caller.dial(1, "2002");
        callerEvents.await(PartyBusy.class, busy -> busy.callRef().equals(refused));
        caller.softkey(Softkey.ENDCALL, 1, CallRef.NONE);
        assertEquals("Do not disturb is off.", callee.softkey(Softkey.DND, 1, CallRef.NONE));

        caller.softkey(Softkey.REDIAL, 1, CallRef.NONE);
        calleeEvents.await(IncomingCall.class);
        callee.softkey(Softkey.ANSWER, 1, CallRef.NONE);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
        caller.softkey(Softkey.HOLD, 1, CallRef.NONE);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.HOLD);
        caller.softkey(Softkey.RESUME, 1, CallRef.NONE);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
        callee.softkey(Softkey.ENDCALL, 1, CallRef.NONE);

        callerEvents.await(PartyHangup.class, hangup -> !hangup.callRef().equals(refused));
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }
}
