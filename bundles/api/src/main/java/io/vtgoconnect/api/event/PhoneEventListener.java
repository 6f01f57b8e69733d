package io.vtgoconnect.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that hears each event of the manual ({@link EventTopics#ALL}) a phone
 * reports at once, on the thread that reports it, before EventAdmin delivers it: for a consumer
 * that forwards events as they happen (the remote API), where EventAdmin's hand-off to its
 * delivery thread would be most of the delay. The audio level readings ({@link EventTopics#METER})
 * are not heard here; they go to EventAdmin handlers only.
 * <p>
 * A phone calls its listeners in the order it reports its events, one event at a time, on its own
 * thread: a listener returns at once, never blocks nor waits for a lock held over I/O, and queues
 * what it cannot do at once; what it throws is logged and the phone goes on. Every event is posted
 * on EventAdmin as well, and one a listener heard carries {@link EventProperties#HEARD}: a service
 * that is also an EventHandler of those topics sets {@link #NOT_HEARD} as its
 * {@code event.filter}, so that it takes each event once.
 */
@ConsumerType
public interface PhoneEventListener {
    /** The {@code event.filter} of an EventHandler that takes only the events no listener heard. */
    String NOT_HEARD = "(!(" + EventProperties.HEARD + "=true))";

    /**
     * @param event the event the phone reports
     * @param timestampMillis when, in milliseconds since the epoch, as the posted event's {@link EventProperties#TIMESTAMP}
     * @param phone the name of the phone, as its CallControl service names it; empty for an event of no phone
     */
    void phoneEvent(VtgoEvent event, long timestampMillis, String phone);
}
