package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.MediaEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that ticks its sessions every 20 ms and receives for them. The period is cut into
 * slots and each session ticks in one of them, the least occupied when it joined: each wake-up
 * then serves only a slot's share of the sessions, so a session's send time moves little with
 * the time the others take, and the packets of many sessions leave spread over the period
 * instead of in one burst. While it has sessions the worker wakes at every slot, empty or not,
 * and first takes what its sessions' sockets received (see {@link Receiver}): a datagram's
 * arrival is then timed within a slot, for the jitter, and waits at most that long for the
 * jitter buffer; a single call costs 500 wake-ups a second, 500 calls as many. Deadlines are
 * absolute, so the interval does not drift. After a stall of more than a period (a suspended VM,
 * a long GC pause) the worker starts a new grid instead of sending a burst. It also runs one
 * delayed task of its engine's (see {@link #runAfter}), so that a timer costs no thread of its own.
 */
public final class ClockWorker {
    private static final System.Logger LOG = System.getLogger(ClockWorker.class.getName());
    private static final int SLOTS = 10;
    private static final long PERIOD_NANOS = MediaEngine.FRAME_MILLIS * 1_000_000L;
    private static final long SLOT_NANOS = PERIOD_NANOS / SLOTS;

    private final List<List<RtpSessionImpl>> slots = new ArrayList<>(SLOTS);
    private final Thread thread;
    private final Receiver receiver;
    /** Sessions in the slots: none, and the worker wakes once a period, only for the delayed task. */
    private volatile int sessions;
    private volatile boolean running = true;
    /** The task {@link #runAfter} was given, and when it is due; null when none waits. */
    private final AtomicReference<Delayed> delayed = new AtomicReference<>();

    private record Delayed(Runnable task, long dueNanos) {
    }

    public ClockWorker(String threadName) throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        receiver = new Receiver();
        receiver.ownedBy(thread);
    }

    /** Receives for this worker's sessions, on its thread. */
    public Receiver receiver() {
        return receiver;
    }

    public void start() {
        thread.start();
    }

    public synchronized void add(RtpSessionImpl session) {
        List<RtpSessionImpl> least = slots.get(0);
        for (List<RtpSessionImpl> slot : slots) {
            if (slot.size() < least.size()) {
                least = slot;
            }
        }
        least.add(session);
        sessions++;
    }

    public synchronized void remove(RtpSessionImpl session) {
        for (List<RtpSessionImpl> slot : slots) {
            if (slot.remove(session)) {
                sessions--;
            }
        }
    }

    /** How many sessions this worker ticks. */
    public int load() {
        return sessions;
    }

    /**
     * Runs the task once on this thread, at the first tick after the delay (within a period of
     * it, as an idle worker still wakes every period), unless the worker stops first. It replaces
     * the task given before, if that one has not run yet.
     */
    public void runAfter(long delayNanos, Runnable task) {
        delayed.set(new Delayed(task, System.nanoTime() + delayNanos));
    }

    /** Stops the thread and waits for it, unless called from it; its receiver closes as it ends. */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        Threads.joinUnlessCurrent(thread);
    }

    private void run() {
        long deadline = System.nanoTime();
        int slot = 0;
        try {
            while (running) {
                int skipped = sessions > 0 ? 1 : SLOTS;
                slot = (slot + skipped) % SLOTS;
                deadline += skipped * SLOT_NANOS;
                long now;
                while ((now = System.nanoTime()) < deadline && running) {
                    LockSupport.parkNanos(deadline - now);
                }
                if (now - deadline > PERIOD_NANOS) {
                    deadline = now;
                }
                receiver.poll();
                for (RtpSessionImpl session : slots.get(slot)) {
                    try {
                        session.tick();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "RTP session tick failed", e);
                    }
                }
                runDelayedIfDue(now);
            }
        } finally {
            receiver.close();
        }
    }

    private void runDelayedIfDue(long now) {
        Delayed due = delayed.get();
        // A task given meanwhile stays for its own time.
        if (due == null || now - due.dueNanos() < 0 || !delayed.compareAndSet(due, null)) {
            return;
        }
        try {
            due.task().run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "RTP engine's delayed task failed", e);
        }
    }
}
