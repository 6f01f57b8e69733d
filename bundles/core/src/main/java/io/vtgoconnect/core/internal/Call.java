package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;

/** A call as the softphone last reported it: the line it is on, its state and the far end. */
record Call(CallRef ref, int line, LineState state, Direction direction, String otherParty) {
}
