package io.vtgoconnect.sipstack;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for the garbage collector to let go of what a test no longer holds. */
final class Collected {
    private static final long DEADLINE_SECONDS = 20;

    private Collected() {
    }

    /** Collects again and again until the reference is cleared, or 20 s have passed. */
    static void await(WeakReference<?> reference) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (reference.get() != null && System.nanoTime() < deadline) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
