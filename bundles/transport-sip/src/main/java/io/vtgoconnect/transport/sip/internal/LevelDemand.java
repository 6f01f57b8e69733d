package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Which phones' audio level readings somebody takes: an EventAdmin handler whose topics name the
 * {@link EventTopics#METER} group (a handler of every topic, {@code *}, does not ask for them), for
 * the phones its {@code event.filter} lets through ({@link EventProperties#PHONE}), or for every
 * phone without one. The readings cost a sum of squares every frame and an event five times a
 * second per call, so a phone measures only while such a handler takes its readings, and the phones
 * are told when the handlers change.
 */
@Component(service = LevelDemand.class)
public class LevelDemand {
    /** For a phone made outside the framework (the tests and benches): readings always wanted. */
    static final LevelDemand ALWAYS = new LevelDemand(true);

    private final boolean always;
    /** Each handler with the events of the phones it takes (their {@link EventProperties#PHONE}). */
    private final Map<ServiceReference<?>, Predicate<Map<String, Object>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

    public LevelDemand() {
        this(false);
    }

    private LevelDemand(boolean always) {
        this.always = always;
    }

    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + EventConstants.EVENT_TOPIC + "=" + EventTopics.METER + "*)", unbind = "removeHandler",
            updated = "addHandler")
    void addHandler(ServiceReference<?> handler) {
        handlers.put(handler, phones(handler));
        watchers.forEach(Runnable::run);
    }

    void removeHandler(ServiceReference<?> handler) {
        if (handlers.remove(handler) != null) {
            watchers.forEach(Runnable::run);
        }
    }

    /** The handler's filter; none takes every phone's events; a wrong one none (EventAdmin gives it nothing). */
    private static Predicate<Map<String, Object>> phones(ServiceReference<?> handler) {
        if (!(handler.getProperty(EventConstants.EVENT_FILTER) instanceof String filter)) {
            return event -> true;
        }
        try {
            return FrameworkUtil.createFilter(filter)::matches;
        } catch (InvalidSyntaxException e) {
            return event -> false;
        }
    }

    /** Whether somebody takes the readings of the phone now. */
    boolean wanted(String phone) {
        if (always) {
            return true;
        }
        Map<String, Object> event = Map.of(EventProperties.PHONE, phone);
        return handlers.values().stream().anyMatch(takes -> takes.test(event));
    }

    /** Runs {@code changed} each time the handlers change, until {@link #unwatch}. */
    void watch(Runnable changed) {
        watchers.add(changed);
    }

    void unwatch(Runnable changed) {
        watchers.remove(changed);
    }
}
