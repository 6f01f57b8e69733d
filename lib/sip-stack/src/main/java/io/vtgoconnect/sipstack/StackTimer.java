package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.lang.ref.WeakReference;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The stack's timer (its {@code TIMER_CLASS_NAME}), on one thread of the stack's group, which
 * lets go of what no longer needs timing. A cancelled timer leaves the queue at once; the stack's
 * own timer kept each until it was due, with the transaction it belonged to. And the 32 s check
 * that a dialog whose 200 this end received was ACKed is held only as long as its dialog is
 * reachable: the stack never cancels that check, so each call's dialog stayed in memory 32 s
 * after it ended (at 500 calls a second, 16,000 dialogs that filled the call server's heap). A
 * dialog that is still in the stack's table keeps its check, which then runs as before.
 */
public final class StackTimer implements SipTimer {
    private static final System.Logger LOG = System.getLogger(StackTimer.class.getName());
    /** The stack's class of that check, package-private in SIPDialog. */
    private static final String ACK_CHECK = "gov.nist.javax.sip.stack.SIPDialog$DialogDeleteIfNoAckSentTask";

    private ScheduledThreadPoolExecutor executor;

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
    }

    @Override
    public boolean isStarted() {
        return executor != null && !executor.isShutdown();
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        Supplier<SIPStackTimerTask> held = ACK_CHECK.equals(task.getClass().getName())
                ? new WeakReference<>(task)::get : () -> task;
        task.setSipTimerTask(executor.schedule(() -> run(held), delayMillis, TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        task.setSipTimerTask(executor.scheduleWithFixedDelay(() -> run(() -> task), delayMillis, periodMillis,
                TimeUnit.MILLISECONDS));
        return true;
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

    private static void run(Supplier<SIPStackTimerTask> held) {
        SIPStackTimerTask task = held.get();
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
