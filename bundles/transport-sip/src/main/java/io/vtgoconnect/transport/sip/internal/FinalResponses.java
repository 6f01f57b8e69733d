package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.LineState;

/** The line state an outgoing call takes when its INVITE is refused with a final status. */
final class FinalResponses {
    private FinalResponses() {
    }

    static LineState stateOf(int status) {
        return switch (status) {
            case 486, 600 -> LineState.BUSY;
            case 404, 484, 485, 604 -> LineState.INVALID_NUMBER;
            default -> LineState.CONGESTION;
        };
    }
}
