package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call with a test endpoint is transferred and parked as a call with any party: the endpoint goes along. */
class EndpointTransferTest {
    /** Test endpoint 2008 plays this tone. */
    private static final int ENDPOINT_HZ = 440;

    @Test
    void aCallWithAnEndpointIsTransferredAndTheTargetTalksWithTheEndpoint(@TempDir Path recordings) throws Exception {
        try (EmbeddedServer server = new EmbeddedServer();
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone c = server.phone("2003", "recording_folder", recordings.toString())) {
            CallRef call = a.phone.dial(1, "2008");
            a.await(call, LineState.CONNECTED);

            a.phone.transfer(call, "2003");

            IncomingCall ringing = c.events.await(IncomingCall.class);
            assertEquals("2008", ringing.callerId());
            c.phone.answer(ringing.callRef());
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call));
            CallStatistics.awaitAnotherSecondReceived(c.phone, ringing.callRef());
            c.phone.hangUp(ringing.callRef());
            ToneMeter heard = ToneMeter.of(recordings.resolve("call-" + ringing.callRef() + ".wav"));
            // Anywhere in its call: the last packets before the hang-up may not all have been played.
            assertTrue(heard.somewhereHolds(500, 0.5, ENDPOINT_HZ), "2003 hears the endpoint's tone");
            server.awaitNoCalls();
        }
    }

    @Test
    void aCallWithAnEndpointIsParkedAndTakenFromItsOrbit() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer();
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone c = server.phone("2003")) {
            CallRef call = a.phone.dial(1, "2004");
            a.await(call, LineState.CONNECTED);

            a.phone.softkey(Softkey.PARK, 1, call);

            LineUpdate parked = a.await(call, LineState.CALL_PARK);
            assertEquals("5800", parked.otherParty());
            CallRef taken = c.phone.dial(1, "5800");
            c.await(taken, LineState.CONNECTED);
            c.phone.hangUp(taken);
            server.awaitNoCalls();
        }
    }
}
