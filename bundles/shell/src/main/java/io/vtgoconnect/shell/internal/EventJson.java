package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.VtgoEvent;
import java.time.Instant;
import java.util.Map;

/**
 * An event as one JSON object on one line: its kind ({@code event}), its time, its type, its fields, and the
 * manual's text.
 * States are objects with the manual's code and name, e.g. {@code {"code":5,"name":"TsConnected"}}.
 */
final class EventJson {
    private EventJson() {
    }

    static String line(VtgoEvent event, long timestampMillis) {
        StringBuilder json = new StringBuilder(256).append('{');
        appendField(json, "kind", "event");
        appendField(json, "time", Instant.ofEpochMilli(timestampMillis).toString());
        appendField(json, "event", event.typeName());
        for (Map.Entry<String, Object> field : EventProperties.components(event).entrySet()) {
            appendField(json, field.getKey(), field.getValue());
        }
        appendField(json, "text", EventFormatter.format(event));
        return json.append('}').toString();
    }

    static void appendField(StringBuilder json, String name, Object value) {
        if (json.length() > 1) {
            json.append(',');
        }
        appendString(json, name);
        json.append(':');
        appendValue(json, value);
    }

    private static void appendValue(StringBuilder json, Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof CallRef ref) {
            json.append(ref.value());
        } else if (value instanceof LineState state) {
            appendCoded(json, state.code(), state.manualName());
        } else if (value instanceof AgentState state) {
            appendCoded(json, state.code(), state.label());
        } else if (value instanceof Direction direction) {
            appendString(json, direction.text());
        } else {
            appendString(json, String.valueOf(value));
        }
    }

    private static void appendCoded(StringBuilder json, int code, String name) {
        json.append("{\"code\":").append(code).append(",\"name\":");
        appendString(json, name);
        json.append('}');
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
