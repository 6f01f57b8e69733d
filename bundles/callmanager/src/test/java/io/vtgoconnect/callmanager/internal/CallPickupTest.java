package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our phones pick up calls ringing at other lines through the server's pickup, group pickup and intercept softkeys. */
class CallPickupTest {
    private final EmbeddedServer server;

    CallPickupTest() throws Exception {
        server = new EmbeddedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void pickupAnswersTheOldestCallRingingInThePickersGroup() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef fromC = c.phone.dial(1, "2001");
            IncomingCall first = a.events.await(IncomingCall.class);
            server.endpointCalls("2008", "2001");
            IncomingCall second = a.events.await(IncomingCall.class);
            assertEquals("2008", second.callerId());

            b.phone.softkey(Softkey.PICKUP, 1, CallRef.NONE);
            CallRef picked = b.await(LineState.CONNECTED).callRef();
            c.await(fromC, LineState.CONNECTED);
            a.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(first.callRef()));
            CallStatistics.await(b.phone, picked, CallStatistics::flowsBothWays);
            CallStatistics.await(c.phone, fromC, CallStatistics::flowsBothWays);
            b.phone.hangUp(picked);
            c.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(fromC));

            b.phone.softkey(Softkey.PICKUP, 1, CallRef.NONE);
            CallRef fromEndpoint = b.await(LineState.CONNECTED).callRef();
            a.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(second.callRef()));
            CallStatistics.await(b.phone, fromEndpoint, CallStatistics::flowsBothWays);
            b.phone.hangUp(fromEndpoint);

            b.phone.softkey(Softkey.PICKUP, 1, CallRef.NONE);
            b.await(LineState.INVALID_NUMBER);
        }
    }

    @Test
    void groupPickupAnswersACallRingingInAnotherGroup() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef call = a.phone.dial(1, "2003");
            IncomingCall ringing = c.events.await(IncomingCall.class);
            b.phone.softkey(Softkey.PICKUP, 1, CallRef.NONE);
            b.await(LineState.INVALID_NUMBER);

            b.phone.softkey(Softkey.GROUPPICKUP, 1, CallRef.NONE);
            CallRef picked = b.await(LineState.CONNECTED).callRef();
            a.await(call, LineState.CONNECTED);
            c.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
            CallStatistics.await(a.phone, call, CallStatistics::flowsBothWays);
            CallStatistics.await(b.phone, picked, CallStatistics::flowsBothWays);
        }
    }

    @Test
    void interceptAnswersTheCallRingingAtTheExtensionWhateverItsGroup() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002");
                RegisteredPhone d = server.phone("2301")) {
            // b tried 2301 a moment ago; nobody answered.
            CallRef tried = b.phone.dial(1, "2301");
            IncomingCall missed = d.events.await(IncomingCall.class);
            b.phone.hangUp(tried);
            d.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(missed.callRef()));

            CallRef call = a.phone.dial(1, "2301");
            IncomingCall ringing = d.events.await(IncomingCall.class);
            b.phone.softkey(Softkey.INTERCEPT, 1, CallRef.NONE);
            CallRef intercepted = b.await(LineState.CONNECTED).callRef();
            a.await(call, LineState.CONNECTED);
            d.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
            CallStatistics.await(a.phone, call, CallStatistics::flowsBothWays);
            CallStatistics.await(b.phone, intercepted, CallStatistics::flowsBothWays);
        }
    }
}
