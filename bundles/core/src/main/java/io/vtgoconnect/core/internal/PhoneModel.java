package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.LineConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The phone as the softphone last reported it: its lines and speed dials, its calls in order of
 * creation, whether it runs and whether it is registered, and the transfer or conference in
 * progress. Reports arrive on any thread, so every method holds the model's lock.
 */
final class PhoneModel {
    /** By line id, so that the first line is the lowest id. */
    private final SortedMap<Integer, LineConfig> lines = new TreeMap<>();
    private final List<SpeedDialUpdate> speedDials = new ArrayList<>();
    /** In order of creation: a state change of a known call keeps its place. */
    private final Map<CallRef, Call> calls = new LinkedHashMap<>();
    /** Lines taken off hook on which no call was dialled since: they have a dial tone. */
    private final Set<Integer> dialToneLines = new HashSet<>();
    private boolean running;
    private boolean callServerConnected;
    private Consultation consultation;

    synchronized void configure(List<LineConfig> newLines, List<SpeedDialUpdate> newSpeedDials) {
        lines.clear();
        newLines.forEach(line -> lines.put(line.id(), line));
        speedDials.clear();
        speedDials.addAll(newSpeedDials);
    }

    /** Takes in a reported event; events that change nothing here are ignored. */
    synchronized void apply(VtgoEvent event) {
        if (event instanceof SoftphoneConnected) {
            running = true;
        } else if (event instanceof SoftphoneDisconnected) {
            running = false;
            callServerConnected = false;
            clearCalls();
        } else if (event instanceof CallManagerConnected) {
            callServerConnected = true;
        } else if (event instanceof CallManagerDisconnected) {
            callServerConnected = false;
        } else if (event instanceof LineUpdate update) {
            apply(update);
        } else if (event instanceof PartyHangup hangup) {
            removeCall(hangup.callRef());
        }
    }

    private void apply(LineUpdate update) {
        CallRef ref = update.callRef();
        if (ref.isNone()) {
            if (update.state() == LineState.OFF_HOOK) {
                dialToneLines.add(update.line());
            } else if (update.state().isFinal()) {
                dialToneLines.remove(update.line());
            }
        } else if (update.state().isFinal()) {
            removeCall(ref);
        } else {
            if (!calls.containsKey(ref)) {
                // A new call on the line takes the place of its dial tone.
                dialToneLines.remove(update.line());
            }
            calls.put(ref, new Call(ref, update.line(), update.state(), update.direction(), update.otherParty()));
        }
    }

    private void removeCall(CallRef ref) {
        calls.remove(ref);
        if (consultation != null && consultation.involves(ref)) {
            consultation = null;
        }
    }

    private void clearCalls() {
        calls.clear();
        dialToneLines.clear();
        consultation = null;
    }

    /** Forgets everything the softphone reported. @return whether the softphone was running */
    synchronized boolean reset() {
        boolean wasRunning = running;
        running = false;
        callServerConnected = false;
        clearCalls();
        lines.clear();
        speedDials.clear();
        return wasRunning;
    }

    synchronized boolean isRunning() {
        return running;
    }

    /** E.g. {@code running, connected to CallManager, lines 2001, 2301, 1 call}, or {@code not running}. */
    synchronized String status() {
        if (!running) {
            return "not running";
        }
        String numbers = lines.values().stream().map(LineConfig::number).collect(java.util.stream.Collectors.joining(", "));
        return "running, " + (callServerConnected ? "connected to CallManager" : "not connected to CallManager")
                + (lines.isEmpty() ? "" : (lines.size() == 1 ? ", line " : ", lines ") + numbers)
                + (calls.isEmpty() ? "" : ", " + calls.size() + (calls.size() == 1 ? " call" : " calls"));
    }

    /** The line ids, lowest first. */
    synchronized List<Integer> lineIds() {
        return List.copyOf(lines.keySet());
    }

    /**
     * The first line off hook: one with a dial tone, a call being dialled or ringing out, or a call
     * the far end refused (busy, congested, invalid number), which waits for the handset to go down.
     */
    synchronized OptionalInt firstOffHookLine() {
        return firstLine(line -> dialToneLines.contains(line) || hasCall(line, PhoneModel::isHandsetUp));
    }

    private static boolean isHandsetUp(LineState state) {
        return state == LineState.OFF_HOOK || state == LineState.PROCEED || state == LineState.RING_OUT || isFailed(state);
    }

    /** Whether a call in this state was refused and only waits to be cleared. */
    static boolean isFailed(LineState state) {
        return state == LineState.BUSY || state == LineState.CONGESTION || state == LineState.INVALID_NUMBER;
    }

    /**
     * The line a new call goes out on: the first with a dial tone, else the first with no call,
     * else the first whose calls all failed (they are cleared first, so a failure never blocks a line).
     */
    synchronized OptionalInt availableLine() {
        OptionalInt dialTone = firstLine(dialToneLines::contains);
        if (dialTone.isPresent()) {
            return dialTone;
        }
        OptionalInt free = firstLine(line -> !hasCall(line, state -> true));
        return free.isPresent() ? free : firstLine(line -> !hasCall(line, state -> !isFailed(state)));
    }

    /** The failed calls of the line, in order of creation. */
    synchronized List<Call> failedCalls(int line) {
        return calls.values().stream().filter(call -> call.line() == line && isFailed(call.state())).toList();
    }

    private OptionalInt firstLine(IntPredicate matching) {
        return lines.keySet().stream().mapToInt(Integer::intValue).filter(matching).findFirst();
    }

    private boolean hasCall(int line, Predicate<LineState> state) {
        return calls.values().stream().anyMatch(call -> call.line() == line && state.test(call.state()));
    }

    synchronized Optional<Call> call(CallRef ref) {
        return Optional.ofNullable(calls.get(ref));
    }

    /** The first call, in order of creation, whose state matches. */
    synchronized Optional<Call> firstCall(Predicate<LineState> state) {
        return calls.values().stream().filter(call -> state.test(call.state())).findFirst();
    }

    synchronized Optional<Consultation> consultation() {
        return Optional.ofNullable(consultation);
    }

    synchronized void consultationStarted(Consultation started) {
        consultation = started;
    }

    /** Forgets the consultation, unless another one has taken its place meanwhile. */
    synchronized void consultationEnded(Consultation ended) {
        if (ended.equals(consultation)) {
            consultation = null;
        }
    }

    /**
     * The call server link, then each line in id order (one LineUpdate per call on it, one for its
     * dial tone, or one saying it is idle), then each speed dial.
     */
    synchronized List<VtgoEvent> snapshot() {
        List<VtgoEvent> events = new ArrayList<>();
        events.add(callServerConnected ? new CallManagerConnected() : new CallManagerDisconnected("not registered"));
        for (LineConfig line : lines.values()) {
            List<Call> onLine = calls.values().stream().filter(call -> call.line() == line.id()).toList();
            onLine.forEach(call -> events.add(lineUpdate(line, call.state(), call.ref(), call.direction(), call.otherParty())));
            if (dialToneLines.contains(line.id())) {
                events.add(lineUpdate(line, LineState.OFF_HOOK, CallRef.NONE, Direction.NONE, ""));
            } else if (onLine.isEmpty()) {
                events.add(lineUpdate(line, LineState.IDLE, CallRef.NONE, Direction.NONE, ""));
            }
        }
        events.addAll(speedDials);
        return events;
    }

    private static LineUpdate lineUpdate(LineConfig line, LineState state, CallRef ref, Direction direction,
            String otherParty) {
        return new LineUpdate(line.id(), line.number(), line.label(), line.button(), state, ref, direction, otherParty);
    }
}
