package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.Linphone;
import io.vtgoconnect.testing.peers.Linphone.CallState;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** linphone-daemon (line 2003) registers with the embedded server and calls our phone (2001) through it, both ways. */
class LinphoneThroughServerTest {
    private final EmbeddedServer server;
    private final Linphone linphone;

    LinphoneThroughServerTest() throws Exception {
        server = new EmbeddedServer();
        try {
            linphone = new Linphone("2003", server.sipPort);
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    @AfterEach
    void stopAll() {
        linphone.close();
        server.close();
    }

    @Test
    void ourPhoneCallsLinphoneWithAudioBothWays() {
        try (RegisteredPhone a = server.phone("2001")) {
            CallRef call = a.phone.dial(1, "2003");
            int linphones = linphone.awaitCall(CallState.INCOMING_RECEIVED);
            assertEquals("2001", linphone.otherParty(linphones));
            linphone.answer(linphones);
            a.await(call, LineState.CONNECTED);
            linphone.awaitState(linphones, CallState.STREAMS_RUNNING);
            // linphone sends back what it hears: our audio comes back through the server.
            CallStatistics.await(a.phone, call, CallStatistics::flowsBothWays);
            linphone.awaitAudioReceived(linphones);

            a.phone.hangUp(call);
            linphone.awaitState(linphones, CallState.END);
        }
    }

    @Test
    void linphoneCallsOurPhoneAndHangsUp() {
        try (RegisteredPhone a = server.phone("2001")) {
            int linphones = linphone.call("2001");
            IncomingCall ringing = a.events.await(IncomingCall.class);
            assertEquals("2003", ringing.callerId());
            a.phone.answer(ringing.callRef());
            linphone.awaitState(linphones, CallState.STREAMS_RUNNING);
            CallStatistics.await(a.phone, ringing.callRef(), CallStatistics::flowsBothWays);

            linphone.hangUp(linphones);
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
            a.await(LineState.IDLE);
        }
    }
}
