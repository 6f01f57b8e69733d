package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_NO_CALL;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.AudioLevelUpdate;
import io.vtgoconnect.api.event.DtmfReceived;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.LevelListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sip.Dialog;

/** The phone's calls in the order they began, and the events their changes report. */
final class PhoneCalls {
    private final Map<CallRef, SipCall> calls = new LinkedHashMap<>();
    private final SoftphoneListener listener;
    private final Executor worker;
    private final LevelDemand levelDemand;
    /** The phone's name, by which a handler of the readings may choose it. */
    private final String phone;
    /** Puts the calls' level readings in line with the demand, on the worker. */
    private final Runnable levelDemandChanged;
    /** Told of each call that ends, after it is forgotten. */
    private Consumer<SipCall> ended = call -> { };

    /** @param worker where digits received by the media threads are reported, in turn with the SIP events */
    /**
     * @param levelDemand whether anybody takes the phone's audio level readings: the calls measure their audio only then
     * @param phone the phone's name
     */
    PhoneCalls(SoftphoneListener listener, Executor worker, LevelDemand levelDemand, String phone) {
        this.listener = listener;
        this.worker = worker;
        this.levelDemand = levelDemand;
        this.phone = phone;
        this.levelDemandChanged = () -> worker.execute(() -> calls.values()
                .forEach(call -> call.media.setLevelListener(levelsOf(call.ref))));
    }

    /** From now on the calls start and stop measuring their audio as the readings come to be wanted or not. */
    void watchLevelDemand() {
        levelDemand.watch(levelDemandChanged);
    }

    void unwatchLevelDemand() {
        levelDemand.unwatch(levelDemandChanged);
    }

    void onEnded(Consumer<SipCall> action) {
        ended = action;
    }

    void report(VtgoEvent event) {
        listener.report(event);
    }

    /** Reports each digit the call's media receives as DtmfReceived. */
    DtmfListener digitsOf(CallRef ref) {
        return digit -> worker.execute(() -> digitReceived(ref, digit));
    }

    /**
     * Reports the call's audio levels as AudioLevelUpdate while the call lasts; null (nothing
     * measured) while nobody takes the readings.
     */
    LevelListener levelsOf(CallRef ref) {
        if (!levelDemand.wanted(phone)) {
            return null;
        }
        return (sent, received) -> worker.execute(() -> {
            if (calls.containsKey(ref)) {
                report(new AudioLevelUpdate(ref, sent, received));
            }
        });
    }

    /** A digit the far end sent, by RTP event or SIP INFO. */
    void digitReceived(CallRef ref, char digit) {
        if (calls.containsKey(ref)) {
            report(new DtmfReceived(ref, String.valueOf(digit)));
        }
    }

    void add(SipCall call) {
        calls.put(call.ref, call);
    }

    /** Whether the call still goes on. */
    boolean isActive(SipCall call) {
        return calls.get(call.ref) == call;
    }

    Optional<SipCall> find(CallRef ref) {
        return Optional.ofNullable(calls.get(ref));
    }

    /** The call named; ERROR_NO_CALL when it does not exist. */
    SipCall get(CallRef ref) {
        SipCall call = calls.get(ref);
        if (call == null) {
            throw new CommandException(ERROR_NO_CALL, "Call " + ref + " does not exist.");
        }
        return call;
    }

    List<SipCall> all() {
        return new ArrayList<>(calls.values());
    }

    List<SipCall> onLine(PhoneLine line) {
        return calls.values().stream().filter(call -> call.line == line).toList();
    }

    Optional<SipCall> first(PhoneLine line, Predicate<LineState> state) {
        return calls.values().stream().filter(call -> call.line == line && state.test(call.state())).findFirst();
    }

    /** The call whose SIP dialog has this Call-ID. */
    Optional<SipCall> withCallId(String callId) {
        return calls.values().stream().filter(call -> call.dialog != null
                && call.dialog.getCallId().getCallId().equals(callId)).findFirst();
    }

    Optional<SipCall> ofDialog(Dialog dialog) {
        return dialog == null ? Optional.empty() : withCallId(dialog.getCallId().getCallId());
    }

    /** Moves the call to the state and reports its LineUpdate. */
    void enter(SipCall call, LineState state) {
        report(call.enter(state));
    }

    /** The far end answered or this end did: PartyPickup, then the connected line. */
    void connected(SipCall call) {
        call.connectedAtMillis = System.currentTimeMillis();
        report(new PartyPickup(call.ref));
        enter(call, LineState.CONNECTED);
    }

    /** Forgets the call and reports PartyHangup, then the idle line once it has no call left. */
    void end(SipCall call) {
        if (!isActive(call)) {
            return;
        }
        calls.remove(call.ref);
        call.media.close();
        hungUp(call.ref, call.line);
        ended.accept(call);
    }

    /** Reports PartyHangup, then the idle line once it has no call left: of a call ended, or shown off hook and never placed. */
    void hungUp(CallRef ref, PhoneLine line) {
        report(new PartyHangup(ref));
        if (onLine(line).isEmpty()) {
            report(line.idle());
        }
    }
}
