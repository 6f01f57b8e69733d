package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.sipstack.SessionDescription;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * One call of the phone: its line, far end, state, SIP dialog, its media and what both ends
 * described of it. Its state is the line state the manual reports, and moves only as a call can:
 * {@link #TRANSITIONS} is the whole state machine, and a move it does not name is refused.
 */
final class SipCall {
    /**
     * Where a call may go from each state. A call starts off hook (dialling) or ringing in; it stays
     * in a state when what is known of it changes (the far end's number). Ending is not a state: a
     * call that ends is forgotten.
     */
    static final Map<LineState, Set<LineState>> TRANSITIONS = transitions();

    private static Map<LineState, Set<LineState>> transitions() {
        Map<LineState, Set<LineState>> next = new EnumMap<>(LineState.class);
        Set<LineState> refused = EnumSet.of(LineState.BUSY, LineState.INVALID_NUMBER, LineState.CONGESTION);
        next.put(LineState.IDLE, EnumSet.of(LineState.OFF_HOOK, LineState.RING_IN, LineState.CALL_WAITING));
        // Answered here (off hook, then connected), or dialled: proceeding, ringing out, then answered or refused.
        next.put(LineState.OFF_HOOK, EnumSet.of(LineState.OFF_HOOK, LineState.PROCEED, LineState.CONNECTED));
        next.put(LineState.PROCEED, union(EnumSet.of(LineState.PROCEED, LineState.RING_OUT, LineState.CONNECTED), refused));
        next.put(LineState.RING_OUT, union(EnumSet.of(LineState.RING_OUT, LineState.CONNECTED), refused));
        next.put(LineState.RING_IN, EnumSet.of(LineState.RING_IN, LineState.OFF_HOOK));
        next.put(LineState.CALL_WAITING, EnumSet.of(LineState.CALL_WAITING, LineState.OFF_HOOK));
        next.put(LineState.CONNECTED, EnumSet.of(LineState.CONNECTED, LineState.HOLD, LineState.CALL_PARK));
        next.put(LineState.HOLD, EnumSet.of(LineState.HOLD, LineState.CONNECTED, LineState.CALL_PARK));
        next.put(LineState.CALL_PARK, EnumSet.of(LineState.CALL_PARK));
        refused.forEach(state -> next.put(state, EnumSet.of(state)));
        return Collections.unmodifiableMap(next);
    }

    private static Set<LineState> union(Set<LineState> some, Set<LineState> more) {
        some.addAll(more);
        return some;
    }

    final CallRef ref;
    final PhoneLine line;
    final Direction direction;
    final CallMedia media;
    String otherParty;
    private LineState state = LineState.IDLE;
    Dialog dialog;
    /** The INVITE this phone sent, while it can still be cancelled. */
    ClientTransaction outgoingInvite;
    /** The INVITE the far end sent, while it waits for an answer. */
    ServerTransaction incomingInvite;
    SessionDescription localMedia;
    SessionDescription remoteMedia;
    long connectedAtMillis;
    /** Whether a re-INVITE of this end waits for its final answer: RFC 3261 (14.1) allows one at a time. */
    boolean reinviting;
    /** The change of media asked while a re-INVITE was in flight, sent once that one has its answer. */
    Runnable nextReinvite;
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

    /**
     * A new outgoing call, off hook: {@code shown} is told so before its media is opened, so that the
     * first event of a dial is on its way while the ports are bound (a failure to open them throws
     * after it).
     */
    static SipCall dialling(CallRef ref, PhoneLine line, Consumer<LineUpdate> shown, Function<CallRef, CallMedia> media) {
        shown.accept(update(line, LineState.OFF_HOOK, ref, Direction.OUTGOING, ""));
        SipCall call = open(ref, line, Direction.OUTGOING, media);
        call.state = LineState.OFF_HOOK;
        return call;
    }

    LineState state() {
        return state;
    }

    /**
     * Whether the call is held, or may be about to be: a re-INVITE of this end (a hold, as a
     * consultation starts) still waits for the far end's answer. A resume asked now goes after it.
     */
    boolean heldOrHolding() {
        return state() == LineState.HOLD || reinviting;
    }

    /**
     * Moves to the state and says so as the manual's LineUpdate.
     * @throws IllegalStateException when the call cannot go there from where it is
     */
    LineUpdate enter(LineState newState) {
        if (!TRANSITIONS.getOrDefault(state, Set.of()).contains(newState)) {
            throw new IllegalStateException("Call " + ref + " cannot go from " + state + " to " + newState);
        }
        state = newState;
        return update(line, newState, ref, direction, otherParty);
    }

    private static LineUpdate update(PhoneLine line, LineState state, CallRef ref, Direction direction, String otherParty) {
        // As in the manual's transcripts, a line just taken off hook shows no direction yet.
        return line.update(state, ref, state == LineState.OFF_HOOK ? Direction.NONE : direction, otherParty);
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
