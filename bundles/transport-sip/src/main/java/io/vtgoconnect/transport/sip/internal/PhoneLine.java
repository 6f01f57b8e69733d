package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.transport.LineConfig;

/** A line of the running phone: its configuration, its id and button, and its registration. */
final class PhoneLine {
    final int id;
    /** Replaced, on the phone's worker, when the line is configured anew while the phone runs. */
    SipLine sip;
    Registration registration;

    PhoneLine(int id, SipLine sip) {
        this.id = id;
        this.sip = sip;
    }

    LineConfig config() {
        return sip.config(id);
    }

    LineUpdate update(LineState state, CallRef call, Direction direction, String otherParty) {
        return new LineUpdate(id, sip.number(), sip.label(), id, state, call, direction, otherParty);
    }

    LineUpdate idle() {
        return update(LineState.IDLE, CallRef.NONE, Direction.NONE, "");
    }
}
