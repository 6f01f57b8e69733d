package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.Turns;
import io.vtgoconnect.sipstack.SerialWorker;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The threads of the server's call logic. Plain calls are partitioned by Call-ID: each partition
 * has a thread of its own, so one dialog stays on one thread and its messages are handled in
 * the order they came, while the partitions run side by side on the cores. What touches several
 * calls at once (features, registrations, timers, commands) runs on the exclusive worker, in a
 * turn that no partition shares: while it runs, every partition waits, so a feature sees and
 * changes any call as if there were one thread. A partition takes the work of calls in progress
 * (responses, requests within a dialog) before new calls.
 */
final class SipWorkers implements Turns, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SipWorkers.class.getName());

    private final ReentrantReadWriteLock turns = new ReentrantReadWriteLock();
    private final SerialWorker exclusive;
    private final Partition[] partitions;
    private final ThreadLocal<Partition> current = new ThreadLocal<>();

    /** @param partitions threads for plain calls; 0: one per processor */
    SipWorkers(String name, int partitions) {
        this.exclusive = new SerialWorker(name, turns.writeLock());
        int count = partitions > 0 ? partitions : Runtime.getRuntime().availableProcessors();
        this.partitions = new Partition[count];
        for (int i = 0; i < count; i++) {
            this.partitions[i] = new Partition(name + "-" + (i + 1), i);
        }
    }

    /** The worker of what touches several calls. */
    SerialWorker exclusiveWorker() {
        return exclusive;
    }

    int partitions() {
        return partitions.length;
    }

    /** Runs the task on the partition of the Call-ID; {@code inProgress} work (of a call going on) goes before new calls. */
    void execute(String callId, boolean inProgress, Runnable task) {
        partitions[index(callId)].add(inProgress, task);
    }

    /** Tasks waiting, on every thread. */
    int queued() {
        int queued = exclusive.queued();
        for (Partition partition : partitions) {
            queued += partition.waiting.get();
        }
        return queued;
    }

    @Override
    public boolean exclusive() {
        return turns.isWriteLockedByCurrentThread() || current.get() == null;
    }

    /** A new Call-ID that falls in the current thread's partition (any partition on the exclusive worker). */
    @Override
    public String newCallId(String host) {
        Partition here = current.get();
        String callId = UUID.randomUUID() + "@" + host;
        while (here != null && index(callId) != here.index) {
            callId = UUID.randomUUID() + "@" + host;
        }
        return callId;
    }

    private int index(String callId) {
        return Math.floorMod(callId.hashCode(), partitions.length);
    }

    @Override
    public void close() {
        for (Partition partition : partitions) {
            partition.stop();
        }
        exclusive.close();
    }

    /** One partition's thread and its two queues. */
    private final class Partition implements Runnable {
        private static final int BATCH = 32;
        private final int index;
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> inProgress = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Runnable> fresh = new ConcurrentLinkedQueue<>();
        private final Semaphore ready = new Semaphore(0);
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile boolean running = true;

        Partition(String name, int index) {
            this.index = index;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void add(boolean callInProgress, Runnable task) {
            if (!running) {
                return;
            }
            (callInProgress ? inProgress : fresh).add(task);
            waiting.incrementAndGet();
            ready.release();
        }

        @Override
        public void run() {
            current.set(this);
            try {
                while (running) {
                    ready.acquire();
                    // A few tasks a turn: the exclusive worker waits for no more than that.
                    turns.readLock().lock();
                    try {
                        runOne();
                        for (int i = 1; i < BATCH && ready.tryAcquire(); i++) {
                            runOne();
                        }
                    } finally {
                        turns.readLock().unlock();
                    }
                }
            } catch (InterruptedException stopped) {
                // The server stops.
            }
        }

        private void runOne() {
            Runnable task = inProgress.poll();
            if (task == null) {
                task = fresh.poll();
            }
            if (task == null) {
                return;
            }
            waiting.decrementAndGet();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A SIP event failed: " + e.getClass().getSimpleName() + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
