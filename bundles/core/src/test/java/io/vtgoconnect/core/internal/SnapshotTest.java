package io.vtgoconnect.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.transport.LineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot: the call server link, every line and every speed dial, in that order. */
class SnapshotTest {

    @Test
    void ofAnIdleRegisteredPhoneIsTheManualsTranscript() {
        PhoneFixture phone = PhoneFixture.running();
        phone.softphone.report(new CallManagerConnected());
        phone.forgetHistory();

        phone.control.snapshot();

        assertEquals(List.of(
                "Event : Connected to CallManager",
                "Event : LineUpdate, Line=1(2001), Button=1, State=0(TsIdle), CallRef=0, Direction=, OtherParty=",
                "Event : LineUpdate, Line=2(2301), Button=2, State=0(TsIdle), CallRef=0, Direction=, OtherParty=",
                "Event : SpeedDialUpdate, Speeddial=1(), Button=3",
                "Event : SpeedDialUpdate, Speeddial=2(), Button=4",
                "Event : SpeedDialUpdate, Speeddial=3(), Button=5",
                "Event : SpeedDialUpdate, Speeddial=4(), Button=6"), phone.eventAdmin.lines());
        assertEquals(List.of(), phone.requests());
    }

    @Test
    void ofAnUnregisteredPhoneStartsWithTheDisconnection() {
        PhoneFixture phone = PhoneFixture.running();

        phone.control.snapshot();

        assertEquals(new CallManagerDisconnected("not registered"), phone.eventAdmin.records().get(0));
    }

    @Test
    void afterTheRegistrationIsLostStartsWithTheDisconnection() {
        PhoneFixture phone = PhoneFixture.running();
        phone.softphone.report(new CallManagerConnected(), new CallManagerDisconnected("expired"));
        phone.forgetHistory();

        phone.control.snapshot();

        assertEquals("Event : Disconnected from CallManager", phone.eventAdmin.lines().get(0));
    }

    @Test
    void showsEachCallOnItsLineAndALineOffHookWithoutACall() {
        PhoneFixture phone = PhoneFixture.running();
        phone.softphone.report(new CallManagerConnected());
        phone.held(1, 28058446);
        phone.call(1, LineState.RING_IN, 28058453, Direction.INCOMING, "2005");
        phone.dialTone(2);
        phone.forgetHistory();

        phone.control.snapshot();

        assertEquals(List.of(
                "Event : Connected to CallManager",
                "Event : LineUpdate, Line=1(2001), Button=1, State=8(TsHold), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                "Event : LineUpdate, Line=1(2001), Button=1, State=4(TsRingIn), CallRef=28058453, Direction=incoming, OtherParty=2005",
                "Event : LineUpdate, Line=2(2301), Button=2, State=1(TsOffHook), CallRef=0, Direction=, OtherParty=",
                "Event : SpeedDialUpdate, Speeddial=1(), Button=3",
                "Event : SpeedDialUpdate, Speeddial=2(), Button=4",
                "Event : SpeedDialUpdate, Speeddial=3(), Button=5",
                "Event : SpeedDialUpdate, Speeddial=4(), Button=6"), phone.eventAdmin.lines());
    }

    @Test
    void showsTheLatestStateOfEachCallAndNoEndedCall() {
        PhoneFixture phone = PhoneFixture.running(new FakeSoftphone(FakeSoftphone.MANUAL_LINES, List.of()));
        phone.softphone.report(new CallManagerConnected());
        phone.call(1, LineState.PROCEED, 28058446, Direction.OUTGOING, "");
        phone.call(1, LineState.CONNECTED, 28058446, Direction.OUTGOING, "2004");
        phone.ringingIn(2, 28058453);
        phone.softphone.report(new PartyHangup(new CallRef(28058453)));
        phone.forgetHistory();

        phone.control.snapshot();

        assertEquals(List.of(
                "Event : Connected to CallManager",
                "Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected), CallRef=28058446, Direction=outgoing, OtherParty=2004",
                "Event : LineUpdate, Line=2(2301), Button=2, State=0(TsIdle), CallRef=0, Direction=, OtherParty="),
                phone.eventAdmin.lines());
    }

    @Test
    void listsLinesByIdWithTheirLabelsAndReconfiguredSpeedDials() {
        List<LineConfig> lines = List.of(new LineConfig(2, "2301", "Sales", 2), new LineConfig(1, "2001", "Desk", 1));
        PhoneFixture phone = PhoneFixture.running(new FakeSoftphone(lines, List.of()));
        SpeedDialUpdate reception = new SpeedDialUpdate(1, "2000", "Reception", 3);
        phone.softphone.listener().configured(lines, List.of(reception));

        phone.control.snapshot();

        assertEquals(List.of(new CallManagerDisconnected("not registered"),
                phone.softphone.lineUpdate(1, LineState.IDLE, CallRef.NONE, Direction.NONE, ""),
                phone.softphone.lineUpdate(2, LineState.IDLE, CallRef.NONE, Direction.NONE, ""),
                reception), phone.eventAdmin.records());
    }
}
