package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The stack's timer (its {@code TIMER_CLASS_NAME}), on one thread of the stack's group, which
 * lets go of what no longer needs timing. A cancelled timer leaves the queue at once; the stack's
 * own timer kept each until it was due, with the transaction it belonged to. And the 32 s check
 * that a dialog whose 200 this end received was ACKed is held only as long as its dialog is
 * reachable: the stack never cancels that check, so each call's dialog stayed in memory 32 s
 * after it ended (at 500 calls a second, 16,000 dialogs that filled the call server's heap). A
 * dialog that is still in the stack's table keeps its check, which then runs as before. The
 * checks wait in a queue of their own ({@link AckChecks}).
 *
 * <p>Timers fall due on a grid of {@link #GRID_MILLIS} ms: the stack ticks each transaction every
 * 500 ms and arms several timers a call, and with each due on its own the thread woke about seven
 * times a call (750 times a second at 100 calls a second); on the grid, the timers of many calls
 * share a wake-up. A timer fires at most a grid step late, against SIP's 500 ms T1.
 *
 * <p>With {@link #LINGER_MILLIS} set, the stack's linger timers, which take an ended dialog or
 * transaction out of its tables, fall due that many ms after they are armed instead of the stack's
 * {@code LINGER_TIMER} seconds. The stack's own way to shorten them, {@code LINGER_TIMER=0}, runs a
 * dialog's at once, inside the code that then stops the dialog's timers with the lock the linger
 * has just let go: a NullPointerException thrown and swallowed at the end of each dialog.
 */
public final class StackTimer implements SipTimer {
    private static final System.Logger LOG = System.getLogger(StackTimer.class.getName());
    /** The stack's class of that check, package-private in SIPDialog. */
    private static final String ACK_CHECK = "gov.nist.javax.sip.stack.SIPDialog$DialogDeleteIfNoAckSentTask";
    /** The stack's linger timers: a dialog's, and a transaction's (client or server). */
    private static final Set<String> LINGER = Set.of("gov.nist.javax.sip.stack.SIPDialog$LingerTimer",
            "gov.nist.javax.sip.stack.SIPTransactionImpl$LingerTimer");
    /** The stack property that sets the linger timers' delay, in ms; unset, they keep the stack's. */
    public static final String LINGER_MILLIS = "io.vtgoconnect.sipstack.LINGER_MILLIS";

    /** The grid the timers fall due on: a twenty-fifth of T1. */
    static final long GRID_MILLIS = 20;
    private static final long GRID_NANOS = TimeUnit.MILLISECONDS.toNanos(GRID_MILLIS);

    private ScheduledThreadPoolExecutor executor;
    private AckChecks ackChecks;
    private OptionalLong lingerMillis = OptionalLong.empty();

    @Override
    public void start(SipStackImpl stack, Properties configuration) {
        // Started on the stack's thread group (see StackThreads): its thread belongs to the stack.
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, stack.getStackName() + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.prestartCoreThread();
        ackChecks = new AckChecks(executor);
        String linger = configuration.getProperty(LINGER_MILLIS);
        if (linger != null) {
            lingerMillis = OptionalLong.of(Long.parseLong(linger.strip()));
        }
    }

    @Override
    public boolean isStarted() {
        return executor != null && !executor.isShutdown();
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        String kind = task.getClass().getName();
        if (ACK_CHECK.equals(kind)) {
            ackChecks.add(task, delayMillis);
            return true;
        }
        long delay = LINGER.contains(kind) ? lingerMillis.orElse(delayMillis) : delayMillis;
        task.setSipTimerTask(executor.schedule(() -> run(task), onGrid(System.nanoTime(), delay), TimeUnit.NANOSECONDS));
        return true;
    }

    /** Every period from the first run, which is on the grid; see {@link OnGrid}. */
    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        OnGrid runs = new OnGrid(task, delayMillis, periodMillis);
        task.setSipTimerTask(executor.scheduleAtFixedRate(runs, runs.firstDelayNanos, runs.periodNanos,
                TimeUnit.NANOSECONDS));
        return true;
    }

    /** The delay, in ns, from {@code nowNanos} to the first grid point at least {@code delayMillis} later; none for none. */
    static long onGrid(long nowNanos, long delayMillis) {
        if (delayMillis <= 0) {
            return 0;
        }
        long due = nowNanos + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        return Math.floorDiv(due + GRID_NANOS - 1, GRID_NANOS) * GRID_NANOS - nowNanos;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        if (!(task.getSipTimerTask() instanceof Future<?> scheduled)) {
            return false;
        }
        task.cleanUpBeforeCancel();
        task.setSipTimerTask(null);
        return scheduled.cancel(false);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }

    /**
     * A periodic timer's runs at a fixed rate, so that they stay on the grid (its period is made a
     * whole number of grid steps); a run late by a whole period or more is skipped rather than run
     * in a burst with the next, as the stack's fixed delay would not have run it. Runs on the timer's thread.
     */
    private static final class OnGrid implements Runnable {
        private final SIPStackTimerTask task;
        final long firstDelayNanos;
        final long periodNanos;
        private long dueNanos;

        OnGrid(SIPStackTimerTask task, long delayMillis, long periodMillis) {
            this.task = task;
            this.periodNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, (periodMillis + GRID_MILLIS - 1) / GRID_MILLIS)
                    * GRID_MILLIS);
            long now = System.nanoTime();
            this.firstDelayNanos = onGrid(now, delayMillis);
            this.dueNanos = now + firstDelayNanos;
        }

        @Override
        public void run() {
            boolean behind = System.nanoTime() - dueNanos >= periodNanos;
            dueNanos += periodNanos;
            if (!behind) {
                StackTimer.run(task);
            }
        }
    }

    /** Runs the task on the timer's thread; a null one is an ACK check whose dialog is gone. */
    static void run(SIPStackTimerTask task) {
        if (task == null) {
            return; // its dialog is gone, and with it the need to check
        }
        try {
            task.runTask();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A SIP stack timer failed: " + e);
        }
    }
}
