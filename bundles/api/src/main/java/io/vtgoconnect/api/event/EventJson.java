package io.vtgoconnect.api.event;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as one JSON object: its kind ({@code event}), its time, the phone it is from (when it
 * is from one), its type, its fields, and the manual's text. States are objects with the manual's
 * code and name, e.g. {@code {"code":5,"name":"TsConnected"}}; call references are numbers. The
 * console's {@code events json} prints it, and the remote API sends it.
 */
public final class EventJson {
    private EventJson() {
    }

    /** The event's object; {@code phone} is empty or null for an event of no phone. */
    public static Map<String, Object> object(VtgoEvent event, long timestampMillis, String phone) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("kind", "event");
        object.put("time", Instant.ofEpochMilli(timestampMillis).toString());
        if (phone != null && !phone.isEmpty()) {
            object.put("phone", phone);
        }
        object.put("event", event.typeName());
        EventProperties.components(event).forEach((name, value) -> object.put(name, value(value)));
        object.put("text", EventFormatter.format(event));
        return object;
    }

    /** The event's object as one line of JSON text. */
    public static String line(VtgoEvent event, long timestampMillis, String phone) {
        return Json.write(object(event, timestampMillis, phone));
    }

    /** A field's value as JSON writes it: numbers and strings as they are, the manual's types by their code and name. */
    private static Object value(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CallRef ref) {
            return ref.value();
        }
        if (value instanceof LineState state) {
            return coded(state.code(), state.manualName());
        }
        if (value instanceof AgentState state) {
            return coded(state.code(), state.label());
        }
        if (value instanceof Direction direction) {
            return direction.text();
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> coded(int code, String name) {
        Map<String, Object> coded = new LinkedHashMap<>();
        coded.put("code", code);
        coded.put("name", name);
        return coded;
    }
}
