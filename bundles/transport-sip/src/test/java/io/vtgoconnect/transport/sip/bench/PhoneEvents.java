package io.vtgoconnect.transport.sip.bench;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.api.transport.SoftphoneListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** What a phone reported that the benchmarks wait on, with the time each call was reported TsConnected. */
final class PhoneEvents implements SoftphoneListener {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Map<CallRef, Long> connectedNanos = new HashMap<>();
    private final Set<CallRef> hungUp = new HashSet<>();
    private boolean registered;

    @Override
    public void configured(List<LineConfig> lines, List<SpeedDialUpdate> speedDials) {
    }

    @Override
    public synchronized void report(VtgoEvent event) {
        long now = System.nanoTime();
        if (event instanceof CallManagerConnected) {
            registered = true;
        } else if (event instanceof LineUpdate update && update.state() == LineState.CONNECTED) {
            connectedNanos.putIfAbsent(update.callRef(), now);
        } else if (event instanceof PartyHangup hangup) {
            hungUp.add(hangup.callRef());
        }
        notifyAll();
    }

    void awaitRegistered() {
        await(() -> registered ? true : null, "Connected to CallManager");
    }

    /** The System.nanoTime() at which the call was reported TsConnected. */
    long awaitConnected(CallRef call) {
        return await(() -> connectedNanos.get(call), "TsConnected of call " + call);
    }

    synchronized int connectedCount() {
        return connectedNanos.size();
    }

    void awaitHungUp(CallRef call) {
        await(() -> hungUp.contains(call) ? true : null, "PartyHangup of call " + call);
    }

    private synchronized <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (T value; (value = probe.get()) == null;) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("No " + what + " within " + TIMEOUT.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what);
            }
        }
        return probe.get();
    }
}
