package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import org.junit.jupiter.api.Test;

/** After the server moved a call by a transfer, each phone's OtherParty names the party it talks with now. */
class TransferredPartyTest {
    @Test
    void aOneStepTransferShowsTheTargetToTheTransferredParty() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer();
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef[] ab = a.callAndAnswer(b);

            b.phone.transfer(ab[1], "2003");
            IncomingCall atC = c.events.await(IncomingCall.class);
            assertEquals("2001", atC.callerId());
            c.phone.answer(atC.callRef());

            assertEquals("2003", awaitOtherParty(a, ab[0], "2003").otherParty());
        }
    }

    @Test
    void anAttendedTransferShowsEachPartyTheOther() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer();
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef[] ab = a.callAndAnswer(b);
            CallRef consult = b.phone.transferInitiate(ab[1], "2003");
            IncomingCall atC = c.events.await(IncomingCall.class);
            c.phone.answer(atC.callRef());
            b.await(consult, LineState.CONNECTED);

            b.phone.transferCommit(ab[1], consult);

            assertEquals("2003", awaitOtherParty(a, ab[0], "2003").otherParty());
            assertEquals("2001", awaitOtherParty(c, atC.callRef(), "2001").otherParty());
        }
    }

    private static LineUpdate awaitOtherParty(RegisteredPhone phone, CallRef call, String party) {
        return phone.events.await(LineUpdate.class, update -> update.callRef().equals(call)
                && update.state() == LineState.CONNECTED && update.otherParty().equals(party));
    }
}
