package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.MediaEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that ticks its sessions every 20 ms. The period is cut into slots and each session
 * ticks in one of them, the least occupied when it joined: each wake-up then serves only a
 * slot's share of the sessions, so a session's send time moves little with the time the others
 * take, and the packets of many sessions leave spread over the period instead of in one burst.
 * Deadlines are absolute, so the interval does not drift. The worker wakes only for the slots that
 * hold a session sending frames of its own: the sessions of the slots it passes over (a call
 * server's relayed legs, which send only what their peer received) tick at its next wake-up, still
 * once a period each; so a single call, or any number of relayed ones, costs 50 wake-ups a second
 * rather than one a slot. After a stall of more than a period (a suspended VM,
 * a long GC pause) the worker starts a new grid instead of sending a burst, and its streams' RTP
 * time moves on by the frames missed, as the clock did: a far end then plays what follows on
 * time instead of discarding it as late for good. It also runs one
 * delayed task of its engine's (see {@link #runAfter}), so that a timer costs no thread of its own.
 */
public final class ClockWorker {
    private static final System.Logger LOG = System.getLogger(ClockWorker.class.getName());
    private static final int SLOTS = 10;
    private static final long PERIOD_NANOS = MediaEngine.FRAME_MILLIS * 1_000_000L;
    private static final long SLOT_NANOS = PERIOD_NANOS / SLOTS;

    private final List<List<RtpSessionImpl>> slots = new ArrayList<>(SLOTS);
    private final Thread thread;
    private volatile boolean running = true;
    /** The task {@link #runAfter} was given, and when it is due; null when none waits. */
    private final AtomicReference<Delayed> delayed = new AtomicReference<>();

    private record Delayed(Runnable task, long dueNanos) {
    }

    public ClockWorker(String threadName) {
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
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
    }

    public synchronized void remove(RtpSessionImpl session) {
        slots.forEach(slot -> slot.remove(session));
    }

    /** How many sessions this worker ticks. */
    public int load() {
        return slots.stream().mapToInt(List::size).sum();
    }

    /**
     * Runs the task once on this thread, at the first tick after the delay (within a period of
     * it, as an idle worker still wakes every period), unless the worker stops first. It replaces
     * the task given before, if that one has not run yet.
     */
    public void runAfter(long delayNanos, Runnable task) {
        delayed.set(new Delayed(task, System.nanoTime() + delayNanos));
    }

    /** Stops the thread and waits for it, unless called from it. */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        Threads.joinUnlessCurrent(thread);
    }

    private void run() {
        long deadline = System.nanoTime();
        int slot = 0;
        while (running) {
            int steps = 1;
            while (steps < SLOTS && !sendsFrames(slots.get((slot + steps) % SLOTS))) {
                steps++;
            }
            int due = (slot + steps) % SLOTS;
            deadline += steps * SLOT_NANOS;
            long now;
            while ((now = System.nanoTime()) < deadline && running) {
                LockSupport.parkNanos(deadline - now);
            }
            if (now - deadline > PERIOD_NANOS) {
                long missed = (now - deadline) / PERIOD_NANOS;
                slots.forEach(sessions -> sessions.forEach(session -> session.skip(missed)));
                deadline = now;
            }
            // The slot woken for first, then those passed over: with no slot sending, one wake-up ticks all ten.
            tick(slots.get(due));
            for (int passed = 1; passed < steps; passed++) {
                tick(slots.get((slot + passed) % SLOTS));
            }
            slot = due;
            runDelayedIfDue(now);
        }
    }

    private static boolean sendsFrames(List<RtpSessionImpl> slot) {
        for (RtpSessionImpl session : slot) {
            if (!session.relaysOnly()) {
                return true;
            }
        }
        return false;
    }

    private static void tick(List<RtpSessionImpl> slot) {
        for (RtpSessionImpl session : slot) {
            try {
                session.tick();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "RTP session tick failed", e);
            }
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
