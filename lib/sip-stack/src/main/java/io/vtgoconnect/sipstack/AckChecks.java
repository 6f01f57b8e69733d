package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The stack's checks that a dialog's 200 was ACKed, each held weakly until it falls due (see
 * {@link StackTimer}), in a queue in the order they fall due: the stack arms each 64 * T1 after the
 * 200, so the order they are armed in. One executor task at a time runs those that are due. In
 * the executor's own queue a check cost about 170 bytes, here about 56, and a flood holds 32 s of them.
 */
final class AckChecks {
    private record Pending(long dueNanos, WeakReference<SIPStackTimerTask> check) {
    }

    private final ScheduledExecutorService executor;
    /** Due first; guarded by this. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Whether a run of the due checks is scheduled; guarded by this. */
    private boolean runScheduled;

    AckChecks(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Runs the check on the grid at least {@code delayMillis} from now, unless its dialog is gone
     * by then. One that falls due before the last one queued (the stack changed its T1) goes to the
     * executor, as weakly held.
     */
    synchronized void add(SIPStackTimerTask check, long delayMillis) {
        long now = System.nanoTime();
        long delayNanos = StackTimer.onGrid(now, delayMillis);
        WeakReference<SIPStackTimerTask> held = new WeakReference<>(check);
        Pending last = pending.peekLast();
        if (last != null && now + delayNanos - last.dueNanos < 0) {
            executor.schedule(() -> StackTimer.run(held.get()), delayNanos, TimeUnit.NANOSECONDS);
            return;
        }
        pending.add(new Pending(now + delayNanos, held));
        if (!runScheduled) {
            executor.schedule(this::runDue, delayNanos, TimeUnit.NANOSECONDS);
            runScheduled = true;
        }
    }

    /** Runs the checks due, on the executor's thread, and schedules the next run if any wait. */
    private void runDue() {
        List<SIPStackTimerTask> due = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            while (!pending.isEmpty() && pending.peekFirst().dueNanos - now <= 0) {
                SIPStackTimerTask check = pending.pollFirst().check.get();
                if (check != null) {
                    due.add(check);
                }
            }
            runScheduled = !pending.isEmpty();
            if (runScheduled) {
                executor.schedule(this::runDue, pending.peekFirst().dueNanos - now, TimeUnit.NANOSECONDS);
            }
        }
        due.forEach(StackTimer::run);
    }
}
