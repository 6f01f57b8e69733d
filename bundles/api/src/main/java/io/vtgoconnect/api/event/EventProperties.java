package io.vtgoconnect.api.event;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of a posted event: the record itself under {@link #EVENT}, its text under
 * {@link #TEXT}, the time under {@link #TIMESTAMP}, the name of the phone it is from under
 * {@link #PHONE}, whether a {@link PhoneEventListener} heard it already under {@link #HEARD}, and each
 * record component under its name, so that handlers which do not load the records still read the fields.
 */
public final class EventProperties {
    public static final String EVENT = "vtgo.event";
    public static final String TEXT = "vtgo.text";
    /** Milliseconds since the epoch, as {@code org.osgi.service.event.EventConstants.TIMESTAMP}. */
    public static final String TIMESTAMP = "timestamp";
    /** The name of the phone the event is from (a String), as its CallControl service names it; absent for an event of no phone. */
    public static final String PHONE = "vtgo.phone";
    /** {@code true} (a Boolean) on an event that {@link PhoneEventListener}s heard before it was posted; absent otherwise. */
    public static final String HEARD = "vtgo.heard";

    private EventProperties() {
    }

    public static Map<String, Object> of(VtgoEvent event, long timestampMillis) {
        Map<String, Object> properties = new LinkedHashMap<>(components(event));
        properties.put(EVENT, event);
        properties.put(TEXT, EventFormatter.format(event));
        properties.put(TIMESTAMP, timestampMillis);
        return properties;
    }

    /** The properties of an event of the named phone. */
    public static Map<String, Object> of(VtgoEvent event, long timestampMillis, String phone) {
        Map<String, Object> properties = of(event, timestampMillis);
        properties.put(PHONE, phone);
        return properties;
    }

    /** The name of the phone the posted event's properties name; empty when none. */
    public static String phone(Map<String, ?> properties) {
        return properties.get(PHONE) instanceof String phone ? phone : "";
    }

    /** The record's components by name, in declaration order; absent (null) values are left out. */
    public static Map<String, Object> components(VtgoEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(event);
                if (value != null) {
                    fields.put(component.getName(), value);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Unreadable event component " + component, e);
            }
        }
        return fields;
    }
}
