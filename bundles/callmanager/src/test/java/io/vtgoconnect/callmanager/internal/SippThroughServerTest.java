package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Linphone;
import io.vtgoconnect.testing.peers.Linphone.CallState;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIPp through the embedded server: a UAS registered as line 2009 (with digest: the server offers
 * MD5 only, the one algorithm SIPp knows) takes our phone's call; a UAC calls our phone and
 * linphone. The server challenges registrations only, so SIPp's calls need no credentials.
 */
class SippThroughServerTest {
    private static final String SIPP_LINE = "2009";
    /** The number SIPp's UAC scenario calls from. */
    private static final String SIPP_CALLER = "3001";

    private final EmbeddedServer server;

    SippThroughServerTest() throws Exception {
        server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"});
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aRegisteredSippUasAnswersOurPhoneWithAudioBothWays() {
        int uasPort = FreePorts.udpAndTcp();
        try (Sipp uas = Sipp.uas(uasPort, "uas-answer"); RegisteredPhone a = server.phone("2001")) {
            Sipp.register(server.sipPort, SIPP_LINE, EmbeddedServer.password(SIPP_LINE), "127.0.0.1:" + uasPort, 300);
            CallRef call = a.phone.dial(1, SIPP_LINE);
            a.await(call, LineState.CONNECTED);
            // SIPp echoes the RTP it receives, back through the server.
            CallStatistics.await(a.phone, call, CallStatistics::flowsBothWays);
            a.phone.hangUp(call);
            uas.awaitSuccess();
        }
    }

    @Test
    void aSippUacCallsOurPhone() {
        try (RegisteredPhone a = server.phone("2001"); Sipp uac = Sipp.uac("uac-call", server.sipPort, "2001")) {
            IncomingCall ringing = a.events.await(IncomingCall.class);
            assertEquals(SIPP_CALLER, ringing.callerId());
            a.phone.answer(ringing.callRef());
            uac.awaitSuccess();
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        }
    }

    @Test
    void aSippUacCallsLinphone() {
        try (Linphone linphone = new Linphone("2003", server.sipPort); Sipp uac = Sipp.uac("uac-call", server.sipPort, "2003")) {
            int call = linphone.awaitCall(CallState.INCOMING_RECEIVED);
            assertEquals(SIPP_CALLER, linphone.otherParty(call));
            linphone.answer(call);
            uac.awaitSuccess();
            linphone.awaitState(call, CallState.END);
        }
    }
}
