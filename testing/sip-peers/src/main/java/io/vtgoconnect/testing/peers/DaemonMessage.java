package io.vtgoconnect.testing.peers;

import java.util.Map;

/**
 * One message of linphone-daemon: the response to a command ({@code Status: Ok|Error}, maybe a
 * {@code Reason}, then its body) or an event ({@code Event-type: ...}, then its body), as the
 * {@code Key: value} lines it printed.
 */
record DaemonMessage(Map<String, String> fields) {
    static final String STATUS = "Status";
    static final String EVENT_TYPE = "Event-type";

    DaemonMessage {
        fields = Map.copyOf(fields);
    }

    boolean isResponse() {
        return fields.containsKey(STATUS);
    }

    boolean isEvent(String type) {
        return type.equals(fields.get(EVENT_TYPE));
    }

    /** The field's value, or "" when the message has no such field. */
    String get(String key) {
        return fields.getOrDefault(key, "");
    }
}
