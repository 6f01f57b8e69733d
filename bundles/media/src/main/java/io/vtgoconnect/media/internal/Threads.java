package io.vtgoconnect.media.internal;

/** Waiting for the engine's threads to end. */
final class Threads {
    private Threads() {
    }

    /**
     * Waits for the thread to end, unless it is the caller (a session closed from its own audio
     * or DTMF callback): that thread ends by itself once it returns to its loop.
     */
    static void joinUnlessCurrent(Thread thread) {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
