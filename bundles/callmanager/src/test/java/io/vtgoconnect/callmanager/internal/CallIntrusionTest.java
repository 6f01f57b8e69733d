package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our phones come into calls in progress through the server: barge and cbarge from a second phone
 * of a shared line (two phones registered for 2001), watch from another line.
 */
class CallIntrusionTest {
    private final EmbeddedServer server;

    CallIntrusionTest() throws Exception {
        server = new EmbeddedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void bargeJoinsTheSharedLinesCallWithAToneUntilTheLinesPartyHangsUp(@TempDir Path recordings) throws Exception {
        Voice bargerVoice = Voice.of(recordings, 1800);
        Voice bVoice = Voice.of(recordings, 1000);
        try (RegisteredPhone a = server.phone("2001", "media_source", "tone:400");
                RegisteredPhone barger = server.phone("2001", bargerVoice.settings());
                RegisteredPhone b = server.phone("2002", bVoice.settings())) {
            CallRef[] call = a.callAndAnswer(b);
            CallRef barged = enter(barger, Softkey.BARGE);
            CallStatistics.awaitAnotherSecondReceived(barger.phone, barged);
            CallStatistics.awaitAnotherSecondReceived(b.phone, call[1]);

            a.phone.hangUp(call[0]);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[1]));
            barger.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(barged));

            assertTrue(bargerVoice.heard(barged).somewhereHolds(200, 0.2, 400, 1000), "the barger heard both parties");
            ToneMeter heardByB = bVoice.heard(call[1]);
            assertTrue(heardByB.somewhereHolds(200, 0.2, 400, CallIntrusion.TONE_HERTZ), "B heard the barge tone");
            assertTrue(heardByB.somewhereHolds(200, 0.2, 400, 1800), "B heard A and the barger");
        }
    }

    @Test
    void cbargeMakesAConferenceThatOutlastsTheLinesParty(@TempDir Path recordings) throws Exception {
        Voice bargerVoice = Voice.of(recordings, 1800);
        Voice bVoice = Voice.of(recordings, 1000);
        try (RegisteredPhone a = server.phone("2001", "media_source", "tone:400");
                RegisteredPhone barger = server.phone("2001", bargerVoice.settings());
                RegisteredPhone b = server.phone("2002", bVoice.settings())) {
            CallRef[] call = a.callAndAnswer(b);
            CallRef barged = enter(barger, Softkey.CBARGE);
            // The barger's audio is in the mix once its own leg carries audio; B then hears a second of all three.
            CallStatistics.awaitAnotherSecondReceived(barger.phone, barged);
            CallStatistics.awaitAnotherSecondReceived(b.phone, call[1]);

            a.phone.hangUp(call[0]);
            a.events.await(PartyHangup.class);
            CallStatistics.awaitAnotherSecondReceived(b.phone, call[1]);
            CallStatistics.awaitAnotherSecondReceived(barger.phone, barged);
            b.phone.hangUp(call[1]);
            barger.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(barged));

            ToneMeter heardByB = bVoice.heard(call[1]);
            assertTrue(heardByB.somewhereHolds(200, 0.2, 400, CallIntrusion.TONE_HERTZ), "B heard the barge tone");
            assertTrue(heardByB.somewhereHolds(200, 0.2, 400, 1800), "B heard A and the barger");
            assertTrue(heardByB.last(200).shareAt(1800) > 0.5, "B and the barger talked on after A left");
            assertTrue(bargerVoice.heard(barged).last(200).shareAt(1000) > 0.5, "the barger heard B after A left");
        }
    }

    @Test
    void watchHearsBothPartiesAndIsNotHeard(@TempDir Path recordings) throws Exception {
        Voice aVoice = Voice.of(recordings, 400);
        Voice bVoice = Voice.of(recordings, 1000);
        Voice watcherVoice = Voice.of(recordings, 1800);
        try (RegisteredPhone a = server.phone("2001", aVoice.settings()); RegisteredPhone b = server.phone("2002", bVoice.settings());
                RegisteredPhone watcher = server.phone("2003", watcherVoice.settings())) {
            CallRef[] call = a.callAndAnswer(b);
            // The supervisor calls the agent, who is busy, and watches the agent's call instead.
            CallRef busy = watcher.phone.dial(1, "2001");
            a.events.await(IncomingCall.class);
            watcher.phone.hangUp(busy);
            CallRef watching = enter(watcher, Softkey.WATCH);
            CallStatistics.awaitAnotherSecondReceived(watcher.phone, watching);
            CallStatistics.awaitAnotherSecondReceived(a.phone, call[0]);
            CallStatistics.awaitAnotherSecondReceived(b.phone, call[1]);

            b.phone.hangUp(call[1]);
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[0]));
            watcher.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(watching));

            assertTrue(watcherVoice.heard(watching).somewhereHolds(200, 0.2, 400, 1000), "the watcher heard both parties");
            double heardByA = aVoice.heard(call[0]).shareAt(1800);
            double heardByB = bVoice.heard(call[1]).shareAt(1800);
            assertTrue(heardByA < 0.02 && heardByB < 0.02, "the watcher was heard: " + heardByA + ", " + heardByB);
        }
    }

    @Test
    void onlyThePhonesOfTheLineMayBarge() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            a.callAndAnswer(b);
            // The server refuses (403) another line's phone.
            CallRef refused = c.phone.dial(1, "*332001");
            c.await(refused, LineState.CONGESTION);
        }
    }

    /** The phone presses the softkey, which calls the server's feature. @return the call it made */
    private static CallRef enter(RegisteredPhone phone, Softkey key) {
        phone.phone.softkey(key, 1, CallRef.NONE);
        return phone.await(LineState.CONNECTED).callRef();
    }
}
