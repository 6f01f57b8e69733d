package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin double that keeps the posted events in order; sending synchronously fails the test. */
final class RecordingEventAdmin implements EventAdmin {
    private final List<Event> posted = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("Events are posted, never sent synchronously: " + event.getTopic());
    }

    synchronized List<Event> events() {
        return List.copyOf(posted);
    }

    /** The posted event records, in order. */
    List<VtgoEvent> records() {
        return events().stream().map(event -> (VtgoEvent) event.getProperty(EventProperties.EVENT)).toList();
    }

    /** The posted events as the console prints them, in order. */
    List<String> lines() {
        return events().stream().map(event -> (String) event.getProperty(EventProperties.TEXT)).toList();
    }

    synchronized void clear() {
        posted.clear();
    }
}
