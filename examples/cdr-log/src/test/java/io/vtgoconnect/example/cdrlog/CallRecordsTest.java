package io.vtgoconnect.example.cdrlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.api.event.VtgoEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRecordsTest {
    private static final CallRef CALL = new CallRef(77132601);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final CallRecords records = new CallRecords();

    @Test
    void anAnsweredCallIsOneRecordWhenItIsHungUp() {
        assertEquals(List.of(), take(0, update(LineState.OFF_HOOK, CALL, Direction.NONE, "")));
        assertEquals(List.of(), take(1, update(LineState.PROCEED, CALL, Direction.OUTGOING, "2004")));
        assertEquals(List.of(), take(2, update(LineState.RING_OUT, CALL, Direction.OUTGOING, "2004")));
        assertEquals(List.of(), take(3, new PartyPickup(CALL)));
        assertEquals(List.of(), take(3, update(LineState.CONNECTED, CALL, Direction.OUTGOING, "2004")));
        assertEquals(List.of(), take(5, update(LineState.HOLD, CALL, Direction.OUTGOING, "2004")));
        assertEquals(List.of(), take(6, update(LineState.CONNECTED, CALL, Direction.OUTGOING, "2004")));

        List<CallRecord> ended = take(45, new PartyHangup(CALL));

        assertEquals(List.of("{\"callRef\":\"77132601\",\"line\":\"2001\",\"direction\":\"outgoing\",\"otherParty\":\"2004\","
                + "\"outcome\":\"answered\",\"start\":\"2026-11-26T10:00:00Z\",\"answered\":\"2026-11-26T10:00:03Z\",\"end\":\"2026-11-26T10:00:45Z\","
                + "\"talkSeconds\":42}"), ended.stream().map(CallRecord::json).toList());
        assertEquals(List.of(), take(45, update(LineState.IDLE, CallRef.NONE, Direction.NONE, "")));
    }

    @Test
    void aCallNeverAnsweredEndsWhenItsLineIsIdle() {
        take(0, update(LineState.RING_IN, CALL, Direction.INCOMING, "Agent \"One\""));

        List<CallRecord> ended = take(9, update(LineState.IDLE, CallRef.NONE, Direction.NONE, ""));

        assertEquals(List.of("{\"callRef\":\"77132601\",\"line\":\"2001\",\"direction\":\"incoming\",\"otherParty\":\"Agent \\\"One\\\"\","
                + "\"outcome\":\"not-answered\",\"start\":\"2026-11-26T10:00:00Z\",\"end\":\"2026-11-26T10:00:09Z\",\"talkSeconds\":0}"),
                ended.stream().map(CallRecord::json).toList());
    }

    @Test
    void aRefusedCallSaysWhy() {
        take(0, update(LineState.PROCEED, CALL, Direction.OUTGOING, "9999"));
        take(1, update(LineState.INVALID_NUMBER, CALL, Direction.OUTGOING, "9999"));

        List<CallRecord> ended = take(5, new PartyHangup(CALL));

        assertEquals(List.of("invalid-number"), ended.stream().map(CallRecord::outcome).toList());
    }

    @Test
    void theCallsOfAnotherLineGoOn() {
        take(0, update(LineState.CONNECTED, CALL, Direction.OUTGOING, "2004"));

        assertEquals(List.of(), take(1, new LineUpdate(2, "2301", "", 2, LineState.IDLE, CallRef.NONE, Direction.NONE, "")));
        assertEquals(1, take(2, new PartyHangup(CALL)).size());
    }

    private List<CallRecord> take(int second, VtgoEvent event) {
        return records.take(event, T0.plusSeconds(second));
    }

    private static LineUpdate update(LineState state, CallRef call, Direction direction, String otherParty) {
        return new LineUpdate(1, "2001", "", 1, state, call, direction, otherParty);
    }
}
