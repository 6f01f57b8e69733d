package io.vtgoconnect.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    @Test
    void theEventOfAPhoneNamesIt() {
        assertEquals("{\"kind\":\"event\",\"time\":\"2026-11-26T14:00:00Z\",\"phone\":\"phone7\",\"event\":\"PartyHangup\","
                + "\"callRef\":28058446,\"text\":\"Event : PartyHangup,  CallRef=28058446\"}",
                EventJson.line(new PartyHangup(new CallRef(28058446)), 1_795_701_600_000L, "phone7"));
    }

    @Test
    void lineUpdateWithItsStateAsCodeAndName() {
        LineUpdate update = new LineUpdate(1, "2001", "Main", 1, LineState.CONNECTED, new CallRef(28058446),
                Direction.OUTGOING, "2004");
        assertEquals("{\"kind\":\"event\",\"time\":\"2026-11-26T14:00:00Z\",\"event\":\"LineUpdate\",\"line\":1,\"number\":\"2001\","
                + "\"label\":\"Main\",\"button\":1,\"state\":{\"code\":5,\"name\":\"TsConnected\"},"
                + "\"callRef\":28058446,\"direction\":\"outgoing\",\"otherParty\":\"2004\","
                + "\"text\":\"Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected), CallRef=28058446, "
                + "Direction=outgoing, OtherParty=2004\"}",
                EventJson.line(update, 1_795_701_600_000L, ""));
    }

    @Test
    void dtmfReceivedWithItsCallAndDigit() {
        assertEquals("{\"kind\":\"event\",\"time\":\"2026-11-26T14:00:00Z\",\"event\":\"DtmfReceived\",\"callRef\":28058446,"
                + "\"digit\":\"#\",\"text\":\"Event : DtmfReceived, CallRef=28058446, Digit=#\"}",
                EventJson.line(new DtmfReceived(new CallRef(28058446), "#"), 1_795_701_600_000L, ""));
    }

    @Test
    void textIsEscaped() {
        String json = EventJson.line(new AgentStateUpdate(AgentState.READY, "say \"why\"\n"), 0, "");
        assertEquals("{\"kind\":\"event\",\"time\":\"1970-01-01T00:00:00Z\",\"event\":\"AgentState\",\"state\":{\"code\":4,\"name\":\"Ready\"},"
                + "\"refusal\":\"say \\\"why\\\"\\n\",\"text\":\"Event : IPCC agent state 4 (Ready) (say \\\"why\\\"\\n)\"}",
                json);
    }
}
