package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.event.EventTopics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Whether anybody takes the calls' audio level readings: an EventAdmin handler whose topics name
 * the {@link EventTopics#METER} group (a handler of every topic, {@code *}, does not ask for them).
 * The readings cost a sum of squares every frame and an event five times a second per call, so
 * the phones measure only while such a handler is registered, and are told when that changes.
 */
@Component(service = LevelDemand.class)
public class LevelDemand {
    /** For a phone made outside the framework (the tests and benches): readings always wanted. */
    static final LevelDemand ALWAYS = new LevelDemand(true);

    private final boolean always;
    private final Set<ServiceReference<?>> handlers = ConcurrentHashMap.newKeySet();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

    public LevelDemand() {
        this(false);
    }

    private LevelDemand(boolean always) {
        this.always = always;
    }

    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + EventConstants.EVENT_TOPIC + "=" + EventTopics.METER + "*)", unbind = "removeHandler")
    void addHandler(ServiceReference<?> handler) {
        if (handlers.add(handler) && handlers.size() == 1) {
            watchers.forEach(Runnable::run);
        }
    }

    void removeHandler(ServiceReference<?> handler) {
        if (handlers.remove(handler) && handlers.isEmpty()) {
            watchers.forEach(Runnable::run);
        }
    }

    /** Whether the readings are wanted now. */
    boolean wanted() {
        return always || !handlers.isEmpty();
    }

    /** Runs {@code changed} each time {@link #wanted()} changes, until {@link #unwatch}. */
    void watch(Runnable changed) {
        watchers.add(changed);
    }

    void unwatch(Runnable changed) {
        watchers.remove(changed);
    }
}
