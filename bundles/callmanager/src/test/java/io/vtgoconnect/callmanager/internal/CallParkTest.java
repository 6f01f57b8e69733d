package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallParkReturned;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call parked with the Park softkey waits in an orbit, whoever dials the orbit takes it, and an untaken one rings back. */
class CallParkTest {
    private static final int PARKED_HZ = 600;
    private static final int TAKER_HZ = 1000;
    private static final int HOLD_TONE_HZ = 425;

    @Test
    void aParkedCallIsTakenByDiallingItsOrbit(@TempDir Path recordings) throws Exception {
        try (EmbeddedServer server = new EmbeddedServer();
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone b = server.phone("2002", "media_source", "tone:" + PARKED_HZ, "recording_folder",
                        recordings.resolve("2002").toString());
                RegisteredPhone c = server.phone("2003", "media_source", "tone:" + TAKER_HZ, "recording_folder",
                        recordings.resolve("2003").toString())) {
            CallRef[] ab = a.callAndAnswer(b);
            a.phone.softkey(Softkey.PARK, 1, ab[0]);
            LineUpdate parked = a.await(ab[0], LineState.CALL_PARK);
            assertEquals("5800", parked.otherParty());
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ab[0]));
            a.await(LineState.IDLE);
            CallStatistics.awaitAnotherSecondReceived(b.phone, ab[1]);

            CallRef taken = c.phone.dial(1, "5800");
            c.await(taken, LineState.CONNECTED);
            CallStatistics.awaitAnotherSecondReceived(c.phone, taken);
            CallStatistics.awaitAnotherSecondReceived(b.phone, ab[1]);
            c.phone.hangUp(taken);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ab[1]));

            ToneMeter heardByC = ToneMeter.of(recordings.resolve("2003").resolve("call-" + taken + ".wav"));
            // Anywhere in the call, not its last moments: on a loaded machine the hang-up can cut a gap into the tail.
            assertTrue(heardByC.somewhereHolds(500, 0.5, PARKED_HZ), "2003 hears 2002");
            ToneMeter heardByB = ToneMeter.of(recordings.resolve("2002").resolve("call-" + ab[1] + ".wav"));
            assertTrue(heardByB.somewhereHolds(500, 0.5, HOLD_TONE_HZ), "2002 heard the hold tone while parked");
            assertTrue(heardByB.somewhereHolds(500, 0.5, TAKER_HZ), "2002 hears 2003");

            CallRef empty = c.phone.dial(1, "5800");
            c.await(empty, LineState.INVALID_NUMBER);
        }
    }

    @Test
    void withEveryOrbitTakenTheCallGoesOn() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("park_range", "5800-5800");
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef[] ab = a.callAndAnswer(b);
            a.phone.softkey(Softkey.PARK, 1, ab[0]);
            a.await(ab[0], LineState.CALL_PARK);
            a.await(LineState.IDLE);

            CallRef[] ac = a.callAndAnswer(c);
            CommandException refused = assertThrows(CommandException.class, () -> a.phone.softkey(Softkey.PARK, 1, ac[0]));
            assertEquals(ErrorCode.ERROR_TRANSFER, refused.code());
            assertTrue(refused.getMessage().contains("503"), refused.getMessage());
            CallStatistics.awaitAnotherSecondReceived(c.phone, ac[1]);
            CallStatistics.awaitAnotherSecondReceived(a.phone, ac[0]);
        }
    }

    @Test
    void aWrongParkRangeKeepsTheServerDownAndSaysWhy() {
        FeatureSettingsTest.assertStaysDownNaming("park.range \"5819-5800\" must go upwards", "park_range", "5819-5800");
    }

    @Test
    void aParkedCallNobodyTakesRingsTheParkerBack() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("park_timeout", 2);
                RegisteredPhone a = server.phone("2001");
                RegisteredPhone b = server.phone("2002")) {
            CallRef[] ab = a.callAndAnswer(b);
            a.phone.softkey(Softkey.PARK, 1, ab[0]);
            a.await(ab[0], LineState.CALL_PARK);
            a.await(LineState.IDLE);

            IncomingCall back = a.events.await(IncomingCall.class);
            assertEquals("2002", back.callerId());
            assertEquals(new CallParkReturned(back.callRef(), "2001", "2002"), a.events.await(CallParkReturned.class));
            a.phone.answer(back.callRef());
            LineUpdate connected = a.await(back.callRef(), LineState.CONNECTED);
            assertEquals(Direction.INCOMING, connected.direction());
            CallStatistics.await(a.phone, back.callRef(), CallStatistics::flowsBothWays);
            CallStatistics.await(b.phone, ab[1], CallStatistics::flowsBothWays);
            a.phone.hangUp(back.callRef());
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ab[1]));
        }
    }
}
