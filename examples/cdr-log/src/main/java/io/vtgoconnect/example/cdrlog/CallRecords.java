package io.vtgoconnect.example.cdrlog;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.VtgoEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the calls through the phone's events: a call starts with the first LineUpdate that
 * names its CallRef, is answered at its first TsConnected, and ends with its PartyHangup, or when
 * its line goes idle (a call that was never answered). Not thread-safe: one caller at a time.
 */
final class CallRecords {
    private final Map<CallRef, OpenCall> open = new HashMap<>();

    /** Takes an event; returns the calls it ended. */
    List<CallRecord> take(VtgoEvent event, Instant time) {
        if (event instanceof PartyHangup hangup) {
            OpenCall call = open.remove(hangup.callRef());
            return call == null ? List.of() : List.of(call.end(time));
        }
        if (!(event instanceof LineUpdate update)) {
            return List.of();
        }
        if (!update.callRef().isNone()) {
            open.computeIfAbsent(update.callRef(), ref -> new OpenCall(ref, update.number(), time)).update(update, time);
            return List.of();
        }
        if (update.state() != LineState.IDLE) {
            return List.of();
        }
        List<CallRecord> ended = new ArrayList<>();
        for (Iterator<OpenCall> calls = open.values().iterator(); calls.hasNext();) {
            OpenCall call = calls.next();
            if (call.line.equals(update.number())) {
                calls.remove();
                ended.add(call.end(time));
            }
        }
        return ended;
    }

    private static final class OpenCall {
        private final CallRef ref;
        private final String line;
        private final Instant start;
        private String direction = "";
        private String otherParty = "";
        private Instant answered;
        /** The last state of a call not answered (yet), which tells why it was not. */
        private LineState lastState;

        OpenCall(CallRef ref, String line, Instant start) {
            this.ref = ref;
            this.line = line;
            this.start = start;
        }

        void update(LineUpdate update, Instant time) {
            if (!update.direction().text().isEmpty()) {
                direction = update.direction().text();
            }
            if (!update.otherParty().isEmpty()) {
                otherParty = update.otherParty();
            }
            if (update.state() == LineState.CONNECTED && answered == null) {
                answered = time;
            }
            lastState = update.state();
        }

        CallRecord end(Instant time) {
            return new CallRecord(ref.toString(), line, direction, otherParty, outcome(), start, Optional.ofNullable(answered),
                    time);
        }

        private String outcome() {
            if (answered != null) {
                return "answered";
            }
            return switch (lastState) {
                case BUSY -> "busy";
                case CONGESTION -> "congestion";
                case INVALID_NUMBER -> "invalid-number";
                default -> "not-answered";
            };
        }
    }
}
