package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.PhoneEventListener;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link PhoneEventListener} services of the whiteboard, which every phone's call control tells
 * of each event of the manual on the thread that reports it, before it is posted on EventAdmin. A
 * listener that fails is logged in one line and never stops the phone nor the other listeners.
 */
final class PhoneEventListeners {
    private static final System.Logger LOG = System.getLogger(PhoneEventListeners.class.getName());

    private final List<PhoneEventListener> listeners = new CopyOnWriteArrayList<>();

    void add(PhoneEventListener listener) {
        listeners.add(listener);
    }

    void remove(PhoneEventListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener of the event (not of an audio level reading); @return whether any heard it */
    boolean tell(VtgoEvent event, long timestampMillis, String phone) {
        if (listeners.isEmpty() || event.topic().startsWith(EventTopics.METER)) {
            return false;
        }
        for (PhoneEventListener listener : listeners) {
            try {
                listener.phoneEvent(event, timestampMillis, phone);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A phone event listener failed on " + event.typeName() + ": "
                        + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return true;
    }
}
