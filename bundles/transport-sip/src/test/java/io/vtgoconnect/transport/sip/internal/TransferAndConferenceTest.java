package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three of our phones through Kamailio: transfers one-step and attended, and conferences mixed on the phone. */
class TransferAndConferenceTest {
    final Kamailio kamailio = kamailio();

    /** The call server the phones register with and call through. */
    Kamailio kamailio() {
        return new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    }

    @AfterEach
    void stopKamailio() {
        kamailio.close();
    }

    private static LineUpdate connectedWith(RegisteredPhone phone, String otherParty) {
        return phone.events.awaitSeen(LineUpdate.class,
                update -> update.state() == LineState.CONNECTED && update.otherParty().equals(otherParty));
    }

    private static void endedThenIdle(RegisteredPhone phone, CallRef... ended) {
        for (CallRef call : ended) {
            phone.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(call));
        }
        phone.events.awaitSeen(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }

    @Test
    void attendedTransferLeavesTheHeldPartyTalkingWithTheConsultedOne() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio);
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);
            CallRef consult = a.phone.transferInitiate(ab[0], "2003");
            a.await(ab[0], LineState.HOLD);
            IncomingCall atC = c.events.await(IncomingCall.class);
            c.phone.answer(atC.callRef());
            a.await(consult, LineState.CONNECTED);

            a.phone.transferCommit(ab[0], consult);

            LineUpdate bToC = connectedWith(b, "2003");
            LineUpdate cToB = connectedWith(c, "2002");
            endedThenIdle(a, ab[0], consult);
            b.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(ab[1]));
            c.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(atC.callRef()));
            CallStatistics.await(b.phone, bToC.callRef(), CallStatistics::flowsBothWays);
            CallStatistics.await(c.phone, cToB.callRef(), CallStatistics::flowsBothWays);
        }
    }

    @Test
    void oneStepTransferMakesTheFarEndCallTheDestination() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio);
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);

            a.phone.transfer(ab[0], "2003");

            IncomingCall atC = c.events.await(IncomingCall.class);
            assertEquals("2002", atC.callerId());
            endedThenIdle(a, ab[0]);
            c.phone.answer(atC.callRef());
            connectedWith(b, "2003");
            b.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(ab[1]));
        }
    }

    @Test
    void cancelledTransferDropsTheConsultCallAndResumes() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio);
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);
            CallRef consult = a.phone.transferInitiate(ab[0], "2003");
            IncomingCall atC = c.events.await(IncomingCall.class);
            c.phone.answer(atC.callRef());
            a.await(consult, LineState.CONNECTED);

            a.phone.transferCancel(ab[0], consult);

            c.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(atC.callRef()));
            a.await(ab[0], LineState.CONNECTED);
            b.events.await(io.vtgoconnect.api.event.PartyPickup.class, pickup -> pickup.callRef().equals(ab[1]));
        }
    }

    @Test
    void transferToACallNotYetAnsweredIsRefused() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio);
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);
            CallRef consult = a.phone.transferInitiate(ab[0], "2003");
            c.events.await(IncomingCall.class);

            CommandException refused = assertThrows(CommandException.class, () -> a.phone.transferCommit(ab[0], consult));
            assertEquals(ErrorCode.ERROR_TRANSFER, refused.code());
        }
    }

    @Test
    void conferenceMixesEveryoneAndDropLastConfereeEndsIt(@TempDir Path recordings) throws Exception {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio, "media_source", "tone:400");
                RegisteredPhone b = new RegisteredPhone("2002", kamailio, "recording_folder", recordings.toString());
                RegisteredPhone c = new RegisteredPhone("2003", kamailio, "media_source", "tone:1000")) {
            CallRef[] ab = a.callAndAnswer(b);
            CallRef added = a.phone.conferenceInitiate(ab[0], "2003");
            IncomingCall atC = c.events.await(IncomingCall.class);
            c.phone.answer(atC.callRef());
            a.await(added, LineState.CONNECTED);

            a.phone.conferenceCommit(ab[0], added);
            a.await(ab[0], LineState.CONNECTED);
            CallStatistics.awaitAnotherSecondReceived(b.phone, ab[1]);

            a.phone.softkey(Softkey.DROPLASTCONFEREE, 1, CallRef.NONE);
            c.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(atC.callRef()));
            CallStatistics.awaitAnotherSecondReceived(b.phone, ab[1]);
            CallStatsUpdate atB = b.phone.callStats(ab[1]);
            b.phone.hangUp(ab[1]);
            b.events.await(PartyHangup.class);

            ToneMeter heardByB = ToneMeter.of(recordings.resolve("call-" + ab[1] + ".wav"));
            assertTrue(heardByB.somewhereHolds(200, 0.2, 400, 1000), "B heard A and C at once");
            // B received a second more after C left; on loaded cores A's sending may stall for a moment, which B
            // records as silence: A alone somewhere in the end, and C nowhere.
            ToneMeter afterDrop = heardByB.last(800);
            assertTrue(afterDrop.somewhereHolds(200, 0.5, 400), "B hears A alone at the end; B's statistics: " + atB);
            assertFalse(afterDrop.somewhereHolds(200, 0.05, 1000), "C left");
        }
    }
}
