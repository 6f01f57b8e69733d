package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPMessage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.message.Message;
import javax.sip.message.Request;

/**
 * The SIP messages the stack has read, on their way from its threads to the one worker that
 * handles them, with at most {@code maxWaiting} waiting at once. The UDP intake bounds what waits
 * to be read, but what the stack reads faster than the worker handles would otherwise queue on the
 * worker without limit (and TCP has no intake). The same rule as the intake's holds: requests that
 * start something new are dropped once three quarters of the room is taken, so that responses and
 * in-dialog requests of calls in progress still get in; past the limit everything is dropped, and
 * a peer over UDP sends it again. Each drop is logged as {@link PeerFaults} logs (a line a source
 * at most every 10 s).
 */
public final class BoundedHandOff {
    private final int maxWaiting;
    private final Executor worker;
    private final PeerFaults faults;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    /** @param endpoint the endpoint's address, for the log line */
    public BoundedHandOff(int maxWaiting, Executor worker, String endpoint) {
        if (maxWaiting < BoundedUdpIntake.FEWEST_WAITING) {
            throw new IllegalArgumentException("At least " + BoundedUdpIntake.FEWEST_WAITING
                    + " messages must be let wait, not " + maxWaiting);
        }
        this.maxWaiting = maxWaiting;
        this.worker = worker;
        this.faults = new PeerFaults(endpoint);
    }

    /** Hands {@code task}, the handling of {@code message}, to the worker if there is room for it; drops it otherwise. */
    public void handOff(Message message, Runnable task) {
        boolean inProgress = !(message instanceof Request request) || BoundedUdpIntake.inProgress(request.getMethod());
        int room = inProgress ? maxWaiting : maxWaiting - maxWaiting / 4;
        if (waiting.getAndUpdate(now -> now < room ? now + 1 : now) >= room) {
            dropped.incrementAndGet();
            faults.dropped(source(message), "the phone had " + waiting.get() + " messages waiting to be handled");
            return;
        }
        worker.execute(() -> {
            try {
                task.run();
            } finally {
                waiting.decrementAndGet();
            }
        });
    }

    /** Messages waiting for the worker now. */
    public int waiting() {
        return waiting.get();
    }

    /** Messages dropped because too many waited, since the hand-off was made. */
    public long dropped() {
        return dropped.get();
    }

    private static String source(Message message) {
        return message instanceof SIPMessage sip && sip.getRemoteAddress() != null
                ? sip.getRemoteAddress().getHostAddress() + ":" + sip.getRemotePort()
                : "a peer";
    }
}
