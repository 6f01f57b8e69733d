package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.sipstack.SipTransportKind;
import org.junit.jupiter.api.Test;

/** A call's state machine, without sockets. */
class SipCallTest {
    private final PhoneLine line = new PhoneLine(1, new SipLine(0, "2001", "", null, null, null,
            SipLine.registrar("127.0.0.1", SipTransportKind.UDP), SipTransportKind.UDP, 3600, 30));

    private SipCall call(Direction direction) {
        return new SipCall(new CallRef(7), line, direction, "2004", null);
    }

    @Test
    void anOutgoingCallIsDialledRingsAndIsAnsweredHeldAndResumed() {
        SipCall call = call(Direction.OUTGOING);
        for (LineState state : new LineState[] {LineState.OFF_HOOK, LineState.PROCEED, LineState.PROCEED, LineState.RING_OUT,
            LineState.CONNECTED, LineState.HOLD, LineState.CONNECTED, LineState.CALL_PARK}) {
            assertEquals(state, call.enter(state).state());
        }
    }

    @Test
    void anIncomingCallRingsThenIsAnswered() {
        SipCall call = call(Direction.INCOMING);
        call.enter(LineState.RING_IN);
        call.enter(LineState.OFF_HOOK);

        assertEquals(LineState.CONNECTED, call.enter(LineState.CONNECTED).state());
    }

    @Test
    void aMoveTheStateMachineDoesNotNameIsRefusedAndChangesNothing() {
        SipCall call = call(Direction.OUTGOING);
        assertThrows(IllegalStateException.class, () -> call.enter(LineState.CONNECTED), "answered before it was dialled");
        call.enter(LineState.OFF_HOOK);
        call.enter(LineState.PROCEED);
        call.enter(LineState.BUSY);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> call.enter(LineState.CONNECTED));

        assertEquals("Call 7 cannot go from BUSY to CONNECTED", refused.getMessage());
        assertEquals(LineState.BUSY, call.state());
        assertThrows(IllegalStateException.class, () -> call(Direction.INCOMING).enter(LineState.HOLD));
    }

    @Test
    void everyStateButIdleIsReachedAndEveryStateHasItsMoves() {
        for (LineState state : SipCall.TRANSITIONS.keySet()) {
            boolean reached = state == LineState.IDLE
                    || SipCall.TRANSITIONS.values().stream().anyMatch(next -> next.contains(state));
            assertEquals(true, reached, state + " is reached");
        }
    }
}
