package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ACK checks' queue, on a real executor, with checks that say when they ran. */
class AckChecksTest {
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final AckChecks checks = new AckChecks(executor);
    private final BlockingQueue<Ran> ran = new LinkedBlockingQueue<>();

    private record Ran(String name, long nanos) {
    }

    /** A check that records its run. */
    private final class Check extends SIPStackTimerTask {
        final String name;

        Check(String name) {
            this.name = name;
        }

        @Override
        public void runTask() {
            ran.add(new Ran(name, System.nanoTime()));
        }

        @Override
        public Object getThreadHash() {
            return name;
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void checksRunInTheOrderTheyFallDueAndNoneBeforeItsTime() throws Exception {
        List<Check> held = List.of(new Check("first"), new Check("second"), new Check("third"));
        long queued = System.nanoTime();
        checks.add(held.get(0), 60);
        checks.add(held.get(1), 120);
        checks.add(held.get(2), 120);
        for (String name : List.of("first", "second", "third")) {
            Ran run = ran.poll(10, TimeUnit.SECONDS);
            assertTrue(run != null, name + " never ran");
            assertEquals(name, run.name());
            long delayMillis = name.equals("first") ? 60 : 120;
            assertTrue(run.nanos() - queued >= TimeUnit.MILLISECONDS.toNanos(delayMillis), name + " ran early");
        }
        assertNull(ran.poll(200, TimeUnit.MILLISECONDS), "a check ran twice");
    }

    @Test
    void aCheckDueBeforeTheLastQueuedStillRunsAtItsOwnTime() throws Exception {
        Check late = new Check("late");
        Check soon = new Check("soon");
        checks.add(late, 2_000);
        checks.add(soon, 40);
        Ran first = ran.poll(1, TimeUnit.SECONDS);
        assertTrue(first != null && first.name().equals("soon"), "the check due in 40 ms waited behind one due in 2 s");
        Ran second = ran.poll(10, TimeUnit.SECONDS);
        assertTrue(second != null && second.name().equals("late"), "the check due in 2 s never ran");
    }

    @Test
    void aCheckWhoseDialogIsGoneIsLetGoBeforeItFallsDueAndNeverRuns() throws Exception {
        WeakReference<Check> gone = queueUnreachable();
        Collected.await(gone);
        assertNull(gone.get(), "the queue holds a check whose dialog is gone");
        Check kept = new Check("kept");
        checks.add(kept, 1_500);
        Ran run = ran.poll(10, TimeUnit.SECONDS);
        assertTrue(run != null && run.name().equals("kept"), "the let-go check ran, or the kept one never did: " + run);
    }

    /** Queues a check due in 1 s that nothing else holds. */
    private WeakReference<Check> queueUnreachable() {
        Check check = new Check("gone");
        checks.add(check, 1_000);
        return new WeakReference<>(check);
    }
}
