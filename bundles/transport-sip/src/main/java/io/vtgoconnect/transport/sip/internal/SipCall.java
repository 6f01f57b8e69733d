package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.sipstack.SessionDescription;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/** One call of the phone: its line, far end, state, SIP dialog, its media and what both ends described of it. */
final class SipCall {
    final CallRef ref;
    final PhoneLine line;
    final Direction direction;
    final CallMedia media;
    String otherParty;
    LineState state;
    Dialog dialog;
    /** The INVITE this phone sent, while it can still be cancelled. */
    ClientTransaction outgoingInvite;
    /** The INVITE the far end sent, while it waits for an answer. */
    ServerTransaction incomingInvite;
    SessionDescription localMedia;
    SessionDescription remoteMedia;
    long connectedAtMillis;
    /** What to do once the far end reports how the transfer this end asked for ended: given the sipfrag's status line. */
    Consumer<String> whenTransferred;
    private long sdpVersion;

    SipCall(CallRef ref, PhoneLine line, Direction direction, String otherParty, CallMedia media) {
        this.ref = ref;
        this.line = line;
        this.direction = direction;
        this.otherParty = otherParty;
        this.media = media;
    }

    /** A new call with no far end known yet, whose media is opened for its reference. */
    static SipCall open(CallRef ref, PhoneLine line, Direction direction, Function<CallRef, CallMedia> media) {
        return new SipCall(ref, line, direction, "", media.apply(ref));
    }

    /** Moves to the state and says so as the manual's LineUpdate. */
    LineUpdate enter(LineState newState) {
        state = newState;
        // As in the manual's transcripts, a line just taken off hook shows no direction yet.
        return line.update(newState, ref, newState == LineState.OFF_HOOK ? Direction.NONE : direction, otherParty);
    }

    /** Whether the call has not yet been answered or refused. */
    boolean isEarly() {
        return state == LineState.OFF_HOOK || state == LineState.PROCEED || state == LineState.RING_OUT
                || state.isRingingIn();
    }

    /** Whether the INVITE was refused and the call only waits to be hung up. */
    boolean hasFailed() {
        return state == LineState.BUSY || state == LineState.INVALID_NUMBER || state == LineState.CONGESTION;
    }

    /** The SDP body of this end with the next version number (RFC 3264 8). */
    String localSdp() {
        return localMedia.format(ref.value(), sdpVersion++);
    }
}
