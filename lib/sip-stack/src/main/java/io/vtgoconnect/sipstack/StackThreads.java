package io.vtgoconnect.sipstack;

import java.util.Arrays;
import java.util.List;

/**
 * The threads of one JAIN-SIP stack. The stack is built and started on a thread of this group, so
 * every thread it starts (readers, timers, the event scanner, a thread for each TCP connection)
 * belongs to it: an endpoint knows its own threads without reading their names, and a second
 * endpoint starting at the same moment cannot be taken for it. A thread that a peer's message
 * ends with an exception is reported in one line instead of a stack trace on standard error.
 */
final class StackThreads extends ThreadGroup {
    private final PeerFaults faults;

    StackThreads(String name, PeerFaults faults) {
        super(name);
        this.faults = faults;
    }

    /** The group's live threads. */
    List<Thread> live() {
        Thread[] threads = new Thread[activeCount() + 16];
        int count = enumerate(threads, true);
        return Arrays.asList(threads).subList(0, count);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (failure instanceof ThreadDeath) {
            return;
        }
        // Such a thread reads one peer's connection or one queue of messages: what a peer sent ended it.
        faults.dropped("a peer", "the stack's thread " + thread.getName() + " ended with "
                + failure.getClass().getSimpleName());
    }
}
