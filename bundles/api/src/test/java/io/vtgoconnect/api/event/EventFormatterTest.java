package io.vtgoconnect.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formatter prints every event line of the manual's two transcripts byte for byte. Each
 * expected line is copied from the manual; the one exception is the typo the spec notes correct
 * ({@code Supervisor not readyBreak} is the reason {@code Supervisor not ready}).
 */
class EventFormatterTest {
    private static final CallRef FIRST_CALL = new CallRef(28058446);
    private static final CallRef SECOND_CALL = new CallRef(28058453);

    private static LineUpdate line1(LineState state, CallRef call, Direction direction, String otherParty) {
        return new LineUpdate(1, "2001", "", 1, state, call, direction, otherParty);
    }

    private static Arguments line(String expected, VtgoEvent event) {
        return Arguments.of(expected, event);
    }

    /** Example 1, Basic Phone Call: every event line, in order. */
    static Stream<Arguments> basicPhoneCall() {
        return Stream.of(
                line("Event : Connected to softphone", new SoftphoneConnected()),
                line("Event : Connected to CallManager", new CallManagerConnected()),
                line("Event : Connected to CallManager", new CallManagerConnected()),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=0(TsIdle), CallRef=0, Direction=, OtherParty=",
                        line1(LineState.IDLE, CallRef.NONE, Direction.NONE, "")),
                line("Event : LineUpdate, Line=2(2301), Button=2, State=0(TsIdle), CallRef=0, Direction=, OtherParty=",
                        new LineUpdate(2, "2301", "", 2, LineState.IDLE, CallRef.NONE, Direction.NONE, "")),
                line("Event : SpeedDialUpdate, Speeddial=1(), Button=3", new SpeedDialUpdate(1, "", "", 3)),
                line("Event : SpeedDialUpdate, Speeddial=2(), Button=4", new SpeedDialUpdate(2, "", "", 4)),
                line("Event : SpeedDialUpdate, Speeddial=3(), Button=5", new SpeedDialUpdate(3, "", "", 5)),
                line("Event : SpeedDialUpdate, Speeddial=4(), Button=6", new SpeedDialUpdate(4, "", "", 6)),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=1(TsOffHook), CallRef=28058446, Direction=, OtherParty=",
                        line1(LineState.OFF_HOOK, FIRST_CALL, Direction.NONE, "")),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=12(TsProceed), CallRef=28058446, Direction=outgoing, OtherParty=",
                        line1(LineState.PROCEED, FIRST_CALL, Direction.OUTGOING, "")),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=12(TsProceed), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                        line1(LineState.PROCEED, FIRST_CALL, Direction.OUTGOING, "2004")),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=3(TsRingOut), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                        line1(LineState.RING_OUT, FIRST_CALL, Direction.OUTGOING, "2004")),
                line("Event : PartyPickup,  CallRef=28058446", new PartyPickup(FIRST_CALL)),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                        line1(LineState.CONNECTED, FIRST_CALL, Direction.OUTGOING, "2004")),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=8(TsHold), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                        line1(LineState.HOLD, FIRST_CALL, Direction.OUTGOING, "2004")),
                line("Event : PartyPickup,  CallRef=28058446", new PartyPickup(FIRST_CALL)),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                        line1(LineState.CONNECTED, FIRST_CALL, Direction.OUTGOING, "2004")),
                line("Event : CallStatsUpdate, CallRef=28058446, Codec=G711u:20ms, ThisStation=192.168.30.55:16004:16004, OtherStation=192.168.30.87:26120:26122, CallLen=22, Sent=9024, Recvd=11214, Lost=4, Discarded=0, Jitter=16",
                        manualCallStats(null)),
                line("Event : PartyHangup,  CallRef=28058446", new PartyHangup(FIRST_CALL)));
    }

    /** Example 2, IPCC Interaction: every event line, in order. */
    static Stream<Arguments> ipccInteraction() {
        return Stream.of(
                line("Event : Connected to softphone", new SoftphoneConnected()),
                line("Event : IPCC agent state 3 (Not Ready)", new AgentStateUpdate(AgentState.NOT_READY)),
                line("Event : IPCC agent state 4 (Ready)", new AgentStateUpdate(AgentState.READY)),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=4(TsRingIn), CallRef=28058453, Direction=incoming, OtherParty=",
                        line1(LineState.RING_IN, SECOND_CALL, Direction.INCOMING, "")),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=4(TsRingIn), CallRef=28058453, Direction=incoming, OtherParty=2004",
                        line1(LineState.RING_IN, SECOND_CALL, Direction.INCOMING, "2004")),
                line("Event : IncomingCall, CallRef=28058453, Line=2001, CallerID=2004",
                        new IncomingCall(SECOND_CALL, "2001", "2004")),
                line("Event : IPCC agent state 10 (Reserved)", new AgentStateUpdate(AgentState.RESERVED)),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=1(TsOffHook), CallRef=28058453, Direction=, OtherParty=2004",
                        line1(LineState.OFF_HOOK, SECOND_CALL, Direction.NONE, "2004")),
                line("Event : PartyPickup,  CallRef=28058453", new PartyPickup(SECOND_CALL)),
                line("Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected), CallRef=28058453, Direction=incoming, OtherParty=2004",
                        line1(LineState.CONNECTED, SECOND_CALL, Direction.INCOMING, "2004")),
                line("Event : IPCC agent state 8 (Talking)", new AgentStateUpdate(AgentState.TALKING)),
                line("Event : PartyHangup,  CallRef=28058453", new PartyHangup(SECOND_CALL)),
                line("Event : IPCC agent state 4 (Ready)", new AgentStateUpdate(AgentState.READY)),
                line("Event : IPCC agent state 4 (Ready) (not ready reason required to go to not ready state)",
                        new AgentStateUpdate(AgentState.READY, "not ready reason required to go to not ready state")),
                line("Event : IPCC NotReady Reason Code 1 - Supervisor not ready",
                        new NotReadyReasonCode(1, "Supervisor not ready")),
                line("Event : IPCC NotReady Reason Code 2 - Break", new NotReadyReasonCode(2, "Break")),
                line("Event : IPCC NotReady Reason Code 3 - Team meeting", new NotReadyReasonCode(3, "Team meeting")),
                line("Event : IPCC NotReady Reason Code 4 - Personal call", new NotReadyReasonCode(4, "Personal call")),
                line("Event : IPCC agent state 3 (Not Ready)", new AgentStateUpdate(AgentState.NOT_READY)),
                line("Event : IPCC agent state 3 (Not Ready) (Logout reason required to logout)",
                        new AgentStateUpdate(AgentState.NOT_READY, "Logout reason required to logout")),
                line("Event : IPCC Logout Reason Code 1 - End of Shift", new LogoutReasonCode(1, "End of Shift")),
                line("Event : IPCC Logout Reason Code 2 - Holiday", new LogoutReasonCode(2, "Holiday")),
                line("Event : IPCC Logout Reason Code 3 - Supervisor logout", new LogoutReasonCode(3, "Supervisor logout")),
                line("Event : IPCC agent state 2 (Logged Out)", new AgentStateUpdate(AgentState.LOGGED_OUT)));
    }

    private static CallStatsUpdate manualCallStats(Double mos) {
        return new CallStatsUpdate(FIRST_CALL, "G711u:20ms", new Station("192.168.30.55", 16004, 16004),
                new Station("192.168.30.87", 26120, 26122), 22, 9024, 11214, 4, 0, 16, mos);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basicPhoneCall")
    void printsTheBasicPhoneCallTranscript(String expected, VtgoEvent event) {
        assertEquals(expected, EventFormatter.format(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipccInteraction")
    void printsTheIpccInteractionTranscript(String expected, VtgoEvent event) {
        assertEquals(expected, EventFormatter.format(event));
    }

    @Test
    void printsTheEventsTheTranscriptsDoNotShowInTheSameStyle() {
        assertEquals("Event : PartyBusy,  CallRef=28058446", EventFormatter.format(new PartyBusy(FIRST_CALL)));
        assertEquals("Event : CallParkReturned, CallRef=28058446, Line=2001, OtherParty=2004",
                EventFormatter.format(new CallParkReturned(FIRST_CALL, "2001", "2004")));
        assertEquals("Event : ConnectionKeepAlive", EventFormatter.format(new ConnectionKeepAlive()));
        assertEquals("Event : DtmfReceived, CallRef=28058446, Digit=5",
                EventFormatter.format(new DtmfReceived(FIRST_CALL, "5")));
    }

    @Test
    void leavesTheReasonOfADisconnectionOutOfTheLine() {
        assertEquals("Event : Disconnected from CallManager",
                EventFormatter.format(new CallManagerDisconnected("registration expired")));
        assertEquals("Event : Disconnected from softphone",
                EventFormatter.format(new SoftphoneDisconnected("softphone bundle removed")));
    }

    @Test
    void appendsTheMeanOpinionScoreOnlyWhenThereIsOne() {
        assertEquals("Event : CallStatsUpdate, CallRef=28058446, Codec=G711u:20ms, ThisStation=192.168.30.55:16004:16004,"
                + " OtherStation=192.168.30.87:26120:26122, CallLen=22, Sent=9024, Recvd=11214, Lost=4, Discarded=0,"
                + " Jitter=16, MOS=4.3", EventFormatter.format(manualCallStats(4.25)));
    }

    @Test
    void namesTheSrtpSuiteLastOnlyWhenTheMediaIsProtected() {
        CallStatsUpdate plain = manualCallStats(4.25);
        CallStatsUpdate protectedMedia = new CallStatsUpdate(plain.callRef(), "G722:20ms", plain.thisStation(),
                plain.otherStation(), 22, 9024, 11214, 4, 0, 16, 4.25, "AES_CM_128_HMAC_SHA1_80");

        assertEquals("Event : CallStatsUpdate, CallRef=28058446, Codec=G722:20ms, ThisStation=192.168.30.55:16004:16004,"
                + " OtherStation=192.168.30.87:26120:26122, CallLen=22, Sent=9024, Recvd=11214, Lost=4, Discarded=0,"
                + " Jitter=16, MOS=4.3, SRTP=AES_CM_128_HMAC_SHA1_80", EventFormatter.format(protectedMedia));
    }

    @Test
    void printsAudioLevelsInDecibelsWithOneDecimalOnATopicOutsideTheManualEvents() {
        AudioLevelUpdate levels = new AudioLevelUpdate(FIRST_CALL, -12.345, -96);

        assertEquals("Event : AudioLevelUpdate, CallRef=28058446, Sent=-12.3, Recvd=-96.0", EventFormatter.format(levels));
        assertEquals("io/vtgoconnect-meter/AudioLevelUpdate", levels.topic());
        assertFalse(levels.topic().startsWith(EventTopics.ALL.replace("*", "")));
    }

    @Test
    void eventPropertiesHoldTheRecordItsTextItsTimestampAndEachComponent() {
        LineUpdate update = line1(LineState.CONNECTED, FIRST_CALL, Direction.OUTGOING, "2004");

        Map<String, Object> properties = EventProperties.of(update, 1234L);

        assertSame(update, properties.get(EventProperties.EVENT));
        assertEquals(EventFormatter.format(update), properties.get(EventProperties.TEXT));
        assertEquals(1234L, properties.get(EventProperties.TIMESTAMP));
        assertEquals(List.of("line", "number", "label", "button", "state", "callRef", "direction", "otherParty",
                EventProperties.EVENT, EventProperties.TEXT, EventProperties.TIMESTAMP),
                List.copyOf(properties.keySet()));
        assertEquals(1, properties.get("line"));
        assertEquals("2001", properties.get("number"));
        assertEquals(LineState.CONNECTED, properties.get("state"));
        assertEquals(FIRST_CALL, properties.get("callRef"));
        assertEquals("2004", properties.get("otherParty"));
    }

    @Test
    void eventPropertiesLeaveOutAnAbsentComponent() {
        Map<String, Object> properties = EventProperties.of(manualCallStats(null), 0L);

        assertFalse(properties.containsKey("mos"));
        assertEquals(22L, properties.get("callLength"));
    }
}
