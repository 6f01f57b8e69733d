package io.vtgoconnect.example.cdrlog;

import io.vtgoconnect.api.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("callRef", callRef);
        json.put("line", line);
        json.put("direction", direction);
        json.put("otherParty", otherParty);
        json.put("outcome", outcome);
        json.put("start", start.toString());
        answered.ifPresent(time -> json.put("answered", time.toString()));
        json.put("end", end.toString());
        json.put("talkSeconds", answered.map(time -> Duration.between(time, end).toSeconds()).orElse(0L));
        return Json.write(json);
    }
}
