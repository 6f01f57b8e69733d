package io.vtgoconnect.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.AgentStateUpdate;
import io.vtgoconnect.api.event.AudioLevelUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final LineUpdate CONNECTED = new LineUpdate(1, "3001", "", 1, LineState.CONNECTED, new CallRef(84419251),
            Direction.INCOMING, "3000");
    private static final IncomingCall RINGING = new IncomingCall(new CallRef(84419251), "3001", "3000");
    private static final PartyHangup HANGUP = new PartyHangup(new CallRef(77));

    @Test
    void eachListGivenMustHoldTheEventsValueAndAListLeftOutTakesAny() {
        EventFilter filter = EventFilter.of(Map.of("phones", List.of("phone2"), "states", List.of("tsconnected"),
                "callRefs", List.of(84419251L), "lines", List.of("3001")));
        assertTrue(filter.matches(CONNECTED, "phone2"));
        assertFalse(filter.matches(CONNECTED, "phone1"), "another phone");
        assertFalse(filter.matches(RINGING, "phone2"), "an event with no state");
        assertTrue(EventFilter.of(null).matches(HANGUP, ""), "no filter takes every event");
        assertTrue(EventFilter.of(Map.of()).matches(HANGUP, "phone1"));
        EventFilter types = EventFilter.of(Map.of("events", List.of("IncomingCall", "PartyHangup"), "lines", List.of("3001")));
        assertTrue(types.matches(RINGING, "phone2"));
        assertFalse(types.matches(HANGUP, "phone2"), "a PartyHangup has no line");
        assertFalse(types.matches(CONNECTED, "phone2"), "not of the types");
    }

    @Test
    void agentStatesAreTakenByTheTypeNameTheApiSendsAndByTheStatesName() {
        AgentStateUpdate ready = new AgentStateUpdate(AgentState.READY);
        EventFilter filter = EventFilter.of(Map.of("events", List.of("AgentState"), "states", List.of("Ready")));
        assertEquals("AgentState", ready.typeName(), "the README's and the events' name of the type");
        assertTrue(filter.matches(ready, "phone7"));
        assertFalse(filter.matches(new AgentStateUpdate(AgentState.NOT_READY), "phone7"), "another state");
        assertFalse(filter.matches(CONNECTED, "phone7"), "another type");
    }

    @Test
    void audioLevelsComeOnlyToAFilterThatNamesThem() {
        AudioLevelUpdate levels = new AudioLevelUpdate(new CallRef(84419251), -20, -30);
        assertFalse(EventFilter.ALL.matches(levels, "phone1"), "every event of the manual, not the meter's readings");
        assertFalse(EventFilter.of(Map.of("phones", List.of("phone1"))).matches(levels, "phone1"));
        EventFilter meter = EventFilter.of(Map.of("events", List.of("AudioLevelUpdate"), "phones", List.of("phone1"),
                "callRefs", List.of(84419251L)));
        assertTrue(meter.matches(levels, "phone1"));
        assertFalse(meter.matches(levels, "phone2"), "another phone's");
        assertFalse(meter.matches(HANGUP, "phone1"), "not a reading");
    }

    @Test
    void aWrongFilterIsRefusedSayingWhatIsWrong() {
        assertEquals("\"colour\" is not a filter; filters are events, phones, lines, callRefs, states.",
                assertThrows(CommandException.class, () -> EventFilter.of(Map.of("colour", List.of("red")))).getMessage());
        assertEquals("The filter phones is a list of names or numbers.",
                assertThrows(CommandException.class, () -> EventFilter.of(Map.of("phones", "phone1"))).getMessage());
        assertEquals("A filter is an object such as {\"events\":[\"LineUpdate\"],\"phones\":[\"phone1\"]}.",
                assertThrows(CommandException.class, () -> EventFilter.of(List.of("LineUpdate"))).getMessage());
    }
}
