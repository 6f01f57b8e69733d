package io.vtgoconnect.sipstack;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;

/**
 * The one thread that owns the phone's state: SIP events, timers and commands all run on it in
 * turn, so the state needs no locks and the SIP stack's callback thread never blocks.
 */
public final class SerialWorker implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(SerialWorker.class.getName());

    private final ScheduledExecutorService executor;
    /** Held while each task runs, if given: the turn it shares with other threads. */
    private final Lock turn;
    /** The threads the executor made (one, unless a task killed it): {@link #close} waits for them to end. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    public SerialWorker(String name) {
        this(name, null);
    }

    /** A worker whose every task runs holding {@code turn} (a write lock that other threads' work waits for, say). */
    public SerialWorker(String name, Lock turn) {
        this.turn = turn;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** Queues the task; once the phone stopped, it is dropped. A task that fails is logged: nobody else waits for it. */
    public void execute(Runnable task) {
        try {
            executor.execute(logged(task));
        } catch (RejectedExecutionException stopped) {
            // A SIP event that arrives while the stack shuts down has nobody left to tell.
        }
    }

    /** Runs the task after the delay; if it fails, it is logged. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return executor.schedule(logged(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Tasks queued and not yet begun. */
    public int queued() {
        return ((ScheduledThreadPoolExecutor) executor).getQueue().size();
    }

    /** The executor keeps a failed task's exception in a future nobody reads: it is said here instead, in one line. */
    private Runnable logged(Runnable task) {
        return () -> {
            try {
                inTurn(task);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A SIP event or timer failed: " + e.getClass().getSimpleName() + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        };
    }

    private void inTurn(Runnable task) {
        if (turn == null) {
            task.run();
            return;
        }
        turn.lock();
        try {
            task.run();
        } finally {
            turn.unlock();
        }
    }

    /** Runs the task on the worker and waits for its result; its exceptions reach the caller as they are. */
    public <T> T call(Callable<T> task) {
        Future<T> future = executor.submit(() -> {
            if (turn == null) {
                return task.call();
            }
            turn.lock();
            try {
                return task.call();
            } finally {
                turn.unlock();
            }
        });
        try {
            return future.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("The phone did not answer within " + COMMAND_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the phone");
        }
    }

    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Stops the worker and waits (up to the command timeout) until its thread has ended: the
     * executor counts itself terminated a moment before its thread is gone, and a phone that has
     * stopped leaves no thread behind.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_TIMEOUT_SECONDS);
        try {
            executor.awaitTermination(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (thread != Thread.currentThread() && left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
