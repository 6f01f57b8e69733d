package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIPp through the embedded server, which offers MD5 only (the one algorithm SIPp knows): a UAS
 * registered as line 2009 takes our phone's call; a UAC calls our phone from line 2009, answering
 * the server's challenge; a UAC that is no line calls linphone's 2003, a public number; and calls
 * nobody authenticated are refused before anything rings.
 */
class SippThroughServerTest {
    private static final String SIPP_LINE = "2009";
    /** The number SIPp's unauthenticated UAC scenario calls from: no line of the directory. */
    private static final String SIPP_CALLER = "3001";
    private static final String PUBLIC_LINE = "2003";

    private final EmbeddedServer server;

    SippThroughServerTest() throws Exception {
        server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"}, "public_numbers", new String[] {PUBLIC_LINE});
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
    void aSippUacCallsOurPhoneFromItsLineWithDigest() {
        try (RegisteredPhone a = server.phone("2001"); Sipp uac = Sipp.uac("uac-call-auth", server.sipPort, "2001",
                "USER", SIPP_LINE, "PASSWORD", EmbeddedServer.password(SIPP_LINE))) {
            IncomingCall ringing = a.events.await(IncomingCall.class);
            assertEquals(SIPP_LINE, ringing.callerId());
            a.phone.answer(ringing.callRef());
            uac.awaitSuccess();
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        }
    }

    @Test
    void aSippUacThatIsNoLineCallsLinphoneOnAPublicNumber() {
        try (Linphone linphone = new Linphone(PUBLIC_LINE, server.sipPort);
                Sipp uac = Sipp.uac("uac-call", server.sipPort, PUBLIC_LINE)) {
            int call = linphone.awaitCall(CallState.INCOMING_RECEIVED);
            assertEquals(SIPP_CALLER, linphone.otherParty(call));
            linphone.answer(call);
            uac.awaitSuccess();
            linphone.awaitState(call, CallState.END);
        }
    }

    @Test
    void unauthenticatedCallsReachNothingButPublicNumbers() {
        try (RegisteredPhone a = server.phone("2001")) {
            // A caller that is no line reaches neither test endpoints, voicemail, meet-me nor lines.
            for (String number : new String[] {"2004", "6000", "5000", "2001"}) {
                refused(SIPP_CALLER, number, 403);
            }
            // A spoofed caller ID of a line is challenged, and the call never rings.
            refused("2002", "2001", 407);
            assertEquals(List.of(), server.server.worker().call(() -> server.server.board().legs()));
            assertTrue(a.events.lines(0).stream().noneMatch(line -> line.contains("IncomingCall")), a.events.lines(0).toString());
        }
    }

    private void refused(String caller, String number, int status) {
        try (Sipp uac = Sipp.uac("uac-refused", server.sipPort, number, "CALLER", caller, "STATUS", Integer.toString(status))) {
            uac.awaitSuccess();
        }
    }
}
