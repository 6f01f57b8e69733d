package io.vtgoconnect.example.cdrlog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One call, as the log keeps it: who, which way, when it started, was answered and ended, and how
 * it went: {@code answered}, or why not ({@code busy}, {@code congestion}, {@code invalid-number},
 * {@code not-answered}).
 */
record CallRecord(String callRef, String line, String direction, String otherParty, String outcome, Instant start,
        Optional<Instant> answered, Instant end) {

    /** The record as one line of JSON; a call never answered has no "answered" and talked 0 s. */
    String json() {
        StringBuilder json = new StringBuilder("{");
        field(json, "callRef", callRef).append(',');
        field(json, "line", line).append(',');
        field(json, "direction", direction).append(',');
        field(json, "otherParty", otherParty).append(',');
        field(json, "outcome", outcome).append(',');
        field(json, "start", start.toString()).append(',');
        answered.ifPresent(time -> field(json, "answered", time.toString()).append(','));
        field(json, "end", end.toString()).append(',');
        long talked = answered.map(time -> Duration.between(time, end).toSeconds()).orElse(0L);
        return json.append("\"talkSeconds\":").append(talked).append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < ' ') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
