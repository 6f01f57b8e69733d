package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A phone asks the server, through the callback softkey, to call it back once a busy extension is free. */
class CallbackTest {
    private final EmbeddedServer server;

    CallbackTest() throws Exception {
        server = new EmbeddedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theServerCallsBackOnceTheExtensionsCallEnds() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef[] busy = b.callAndAnswer(c);
            CallRef tried = a.phone.dial(1, "2002");
            IncomingCall waiting = b.events.await(IncomingCall.class);
            a.phone.hangUp(tried);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(waiting.callRef()));

            a.phone.softkey(Softkey.CALLBACK, 1, CallRef.NONE);
            CallRef confirmation = a.await(LineState.CONNECTED).callRef();
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(confirmation));
            // A second of B's call goes by (the server looks every second) with no call back: B is still busy.
            CallStatistics.awaitAnotherSecondReceived(b.phone, busy[0]);
            assertTrue(a.events.lines(0).stream().noneMatch(line -> line.contains("IncomingCall")), a.events.lines(0).toString());

            b.phone.hangUp(busy[0]);
            IncomingCall callBack = a.events.await(IncomingCall.class);
            assertEquals("2002", callBack.callerId());
            a.phone.answer(callBack.callRef());
            IncomingCall atB = b.events.await(IncomingCall.class);
            assertEquals("2001", atB.callerId());
            b.phone.answer(atB.callRef());
            CallStatistics.await(a.phone, callBack.callRef(), CallStatistics::flowsBothWays);
            CallStatistics.await(b.phone, atB.callRef(), CallStatistics::flowsBothWays);
        }
    }
}
