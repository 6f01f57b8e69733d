package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.sipstack.SerialWorker;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import javax.sip.header.AlertInfoHeader;
import javax.sip.header.Header;
import javax.sip.message.Response;

/**
 * Call park: a call parked by its partner (REFER to the park code, see {@link ServerTransfers})
 * waits in the first free orbit hearing a hold tone; whoever dials the orbit is connected with it.
 * When the park timeout passes, the parker's line rings back from the parked party's number, with
 * an Alert-Info saying it is a park return. Runs on the server's worker.
 */
final class CallPark implements NumberService {
    /** Tells the phone a call rings because it was parked there and nobody took it. */
    static final String RETURN_ALERT = "<urn:x-vtgoconnect:park-return>";
    private static final int HOLD_TONE_HZ = 425;
    private static final int HOLD_TONE_AMPLITUDE = 3000;

    private final Switchboard board;
    private final Registrar registrar;
    private final SerialWorker worker;
    private final NumberRange orbits;
    private final long timeoutMillis;
    private final Map<String, Parked> parked = new HashMap<>();

    /** A call waiting in an orbit, and the legs ringing its parker back. */
    private static final class Parked {
        final String orbit;
        final Leg leg;
        final String parker;
        final List<Leg> returns = new ArrayList<>();
        ScheduledFuture<?> timer;

        Parked(String orbit, Leg leg, String parker) {
            this.orbit = orbit;
            this.leg = leg;
            this.parker = parker;
        }
    }

    /** @throws IllegalArgumentException when the timeout is not at least one second */
    CallPark(Switchboard board, Registrar registrar, SerialWorker worker, NumberRange orbits, int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("park.timeout " + timeoutSeconds + " must be at least 1 second");
        }
        this.board = board;
        this.registrar = registrar;
        this.worker = worker;
        this.orbits = orbits;
        this.timeoutMillis = timeoutSeconds * 1000L;
    }

    /** Parks the leg in the first free orbit, for the parker's line to take back. @return the orbit; empty when all are taken */
    Optional<String> park(Leg leg, String parker) {
        Optional<String> free = orbits.numbers().stream().filter(orbit -> !parked.containsKey(orbit)).findFirst();
        free.ifPresent(orbit -> {
            Parked call = new Parked(orbit, leg, parker);
            parked.put(orbit, call);
            leg.bridge().ifPresent(bridge -> bridge.leave(leg));
            leg.wire(new ToneSource(HOLD_TONE_AMPLITUDE, HOLD_TONE_HZ), AudioSink.discard());
            leg.progress(new Leg.Progress() {
                @Override
                public void ended(Leg gone) {
                    // The parked party hung up.
                    unpark(call);
                }
            });
            call.timer = worker.schedule(() -> returnToParker(call), timeoutMillis);
        });
        return free;
    }

    @Override
    public boolean handles(String number) {
        return orbits.contains(number);
    }

    /** Someone dialled an orbit: connected with the call parked there; 404 when it is empty. */
    @Override
    public void take(Leg caller, String orbit, Optional<String> divertedFrom) {
        Parked call = parked.get(orbit);
        if (call == null) {
            board.reject(caller, Response.NOT_FOUND);
            return;
        }
        connect(call, caller);
        board.answer(caller);
    }

    /**
     * Rings every registered phone of the parker's line, for up to one timeout. When nobody
     * answers, nobody is registered or all refuse, the call stays parked and the parker's line is
     * rung again after another timeout.
     */
    private void returnToParker(Parked call) {
        if (parked.get(call.orbit) != call) {
            return;
        }
        if (call.returns.isEmpty()) {
            for (Registrar.Binding binding : registrar.contacts(call.parker)) {
                board.call(binding.contact(), call.parker, call.leg.number(), returning(call), List.of(returnAlert()))
                        .ifPresent(call.returns::add);
            }
        } else {
            call.returns.forEach(board::hangUp);
            call.returns.clear();
        }
        call.timer = worker.schedule(() -> returnToParker(call), timeoutMillis);
    }

    private Leg.Progress returning(Parked call) {
        return new Leg.Progress() {
            @Override
            public void answered(Leg callee) {
                if (parked.get(call.orbit) == call) {
                    call.returns.remove(callee);
                    connect(call, callee);
                } else {
                    board.hangUp(callee);
                }
            }

            @Override
            public void failed(Leg callee, int status, String reason, Optional<String> redirectedTo) {
                call.returns.remove(callee);
            }
        };
    }

    private Header returnAlert() {
        try {
            return board.sip().headers().createHeader(AlertInfoHeader.NAME, RETURN_ALERT);
        } catch (ParseException e) {
            throw new IllegalStateException("Alert-Info " + RETURN_ALERT + " does not parse", e);
        }
    }

    /** The parked call leaves its orbit and talks with the other leg. */
    private void connect(Parked call, Leg other) {
        unpark(call);
        call.leg.progress(Leg.Progress.NONE);
        other.progress(Leg.Progress.NONE);
        Bridge bridge = new Bridge(true);
        bridge.join(call.leg);
        bridge.join(other);
    }

    /** The orbit is free again; phones still ringing for the call stop. */
    private void unpark(Parked call) {
        parked.remove(call.orbit, call);
        call.timer.cancel(false);
        call.returns.forEach(board::hangUp);
        call.returns.clear();
    }
}
