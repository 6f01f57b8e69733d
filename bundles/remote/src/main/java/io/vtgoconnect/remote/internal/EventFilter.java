package io.vtgoconnect.remote.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.event.AgentStateUpdate;
import io.vtgoconnect.api.event.AudioLevelUpdate;
import io.vtgoconnect.api.event.CallParkReturned;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events a subscription or a waitfor takes: by event type ({@code LineUpdate}), phone, line
 * (the directory number), call reference and state ({@code TsConnected}, {@code Ready}). Each list
 * given must hold the event's value; a list left out takes any, except that the meter's readings
 * ({@code AudioLevelUpdate}, five a second during a call) come only to a filter whose events name them.
 */
record EventFilter(Set<String> events, Set<String> phones, Set<String> lines, Set<Long> callRefs, Set<String> states) {
    private static final List<String> KEYS = List.of("events", "phones", "lines", "callRefs", "states");

    static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    /** The filter of a request's {@code filter} object; a wrong one is ERROR_INVALID_COMMAND saying what is wrong. */
    static EventFilter of(Object filter) {
        if (filter == null) {
            return ALL;
        }
        if (!(filter instanceof Map<?, ?> keys)) {
            throw invalid("A filter is an object such as {\"events\":[\"LineUpdate\"],\"phones\":[\"phone1\"]}.");
        }
        for (Object key : keys.keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid("\"" + key + "\" is not a filter; filters are " + String.join(", ", KEYS) + ".");
            }
        }
        return new EventFilter(texts(keys, "events", false), texts(keys, "phones", false), texts(keys, "lines", false),
                texts(keys, "callRefs", false).stream().map(EventFilter::callRef).collect(Collectors.toSet()),
                texts(keys, "states", true));
    }

    private static Set<String> texts(Map<?, ?> keys, String key, boolean lowerCase) {
        Object value = keys.get(key);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> items) || items.stream().anyMatch(item -> item instanceof Map || item instanceof List
                || item == null)) {
            throw invalid("The filter " + key + " is a list of names or numbers.");
        }
        return items.stream().map(String::valueOf).map(text -> lowerCase ? text.toLowerCase(Locale.ROOT) : text)
                .collect(Collectors.toSet());
    }

    private static long callRef(String text) {
        return CallRef.parse(text).value();
    }

    private static CommandException invalid(String sentence) {
        return new CommandException(ErrorCode.ERROR_INVALID_COMMAND, sentence);
    }

    /** Whether the filter names the meter's readings, which the phones measure only while somebody asks for them. */
    boolean namesMeter() {
        return events.contains(AudioLevelUpdate.TOPIC.substring(EventTopics.METER.length()));
    }

    boolean matches(VtgoEvent event, String phone) {
        return (events.isEmpty() ? !event.topic().startsWith(EventTopics.METER) : events.contains(event.typeName()))
                && (phones.isEmpty() || phones.contains(phone))
                && (lines.isEmpty() || line(event).filter(lines::contains).isPresent())
                && (callRefs.isEmpty() || callRef(event).filter(callRefs::contains).isPresent())
                && (states.isEmpty() || state(event).filter(states::contains).isPresent());
    }

    private static Optional<String> line(VtgoEvent event) {
        if (event instanceof LineUpdate update) {
            return Optional.of(update.number());
        }
        if (event instanceof IncomingCall call) {
            return Optional.of(call.line());
        }
        if (event instanceof CallParkReturned returned) {
            return Optional.of(returned.line());
        }
        return Optional.empty();
    }

    private static Optional<Long> callRef(VtgoEvent event) {
        return EventProperties.components(event).get("callRef") instanceof CallRef ref ? Optional.of(ref.value())
                : Optional.empty();
    }

    private static Optional<String> state(VtgoEvent event) {
        if (event instanceof LineUpdate update) {
            return Optional.of(update.state().manualName().toLowerCase(Locale.ROOT));
        }
        if (event instanceof AgentStateUpdate update) {
            return Optional.of(update.state().label().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
