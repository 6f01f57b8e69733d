package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our phones meet in one of the server's meet-me rooms through the meetme softkey. */
class MeetMeTest {
    private final EmbeddedServer server;

    MeetMeTest() throws Exception {
        server = new EmbeddedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void threePartiesHearEachOtherAndTheRoomStaysOpenWhileAnyoneIsIn(@TempDir Path recordings) throws Exception {
        Voice aVoice = Voice.of(recordings, 400);
        Voice bVoice = Voice.of(recordings, 1000);
        Voice cVoice = Voice.of(recordings, 1800);
        try (RegisteredPhone a = server.phone("2001", aVoice.settings()); RegisteredPhone b = server.phone("2002", bVoice.settings());
                RegisteredPhone c = server.phone("2003", cVoice.settings())) {
            CallRef inA = meet(a);
            CallRef inB = meet(b);
            CallRef inC = meet(c);
            CallStatistics.awaitAnotherSecondReceived(a.phone, inA);
            CallStatistics.awaitAnotherSecondReceived(b.phone, inB);
            CallStatistics.awaitAnotherSecondReceived(c.phone, inC);

            a.phone.hangUp(inA);
            a.events.await(PartyHangup.class);
            CallStatistics.awaitAnotherSecondReceived(b.phone, inB);
            c.phone.hangUp(inC);
            c.events.await(PartyHangup.class);
            CallStatistics.awaitAnotherSecondReceived(b.phone, inB);
            b.phone.hangUp(inB);
            b.events.await(PartyHangup.class);

            assertTrue(aVoice.heard(inA).somewhereHolds(200, 0.2, 1000, 1800), "A heard B and C");
            assertTrue(cVoice.heard(inC).somewhereHolds(200, 0.2, 400, 1000), "C heard A and B");
            ToneMeter heardByB = bVoice.heard(inB);
            assertTrue(heardByB.somewhereHolds(200, 0.2, 400, 1800), "B heard A and C");
            assertTrue(heardByB.last(200).shareAt(400) < 0.05 && heardByB.last(200).shareAt(1800) < 0.05,
                    "B stayed in the room alone at the end");
        }
    }

    /** The phone joins the first meet-me room. @return its call */
    private static CallRef meet(RegisteredPhone phone) {
        phone.phone.softkey(Softkey.MEETME, 1, CallRef.NONE);
        return phone.await(LineState.CONNECTED).callRef();
    }
}
