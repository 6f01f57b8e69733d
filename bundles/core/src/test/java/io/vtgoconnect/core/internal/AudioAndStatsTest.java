package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.ErrorCode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The speaker and microphone volumes, Mute and CallStats. */
class AudioAndStatsTest {

    @Nested
    class Volumes {
        @Test
        void speakerStartsAtHalfAndMovesInStepsOfTen() {
            PhoneFixture phone = PhoneFixture.running();

            assertEquals(60, phone.control.speakerVolumeUp());
            assertEquals(70, phone.control.speakerVolumeUp());
            assertEquals(60, phone.control.speakerVolumeDown());

            assertEquals(List.of("setSpeakerVolume(60)", "setSpeakerVolume(70)", "setSpeakerVolume(60)"),
                    phone.requests());
        }

        @Test
        void microphoneStartsAtHalfAndMovesOnItsOwn() {
            PhoneFixture phone = PhoneFixture.running();
            phone.control.speakerVolumeUp();

            assertEquals(40, phone.control.micVolumeDown());
            assertEquals(50, phone.control.micVolumeUp());

            assertEquals(List.of("setSpeakerVolume(60)", "setMicVolume(40)", "setMicVolume(50)"), phone.requests());
        }

        @Test
        void stopsAtOneHundred() {
            PhoneFixture phone = PhoneFixture.running();

            List<Integer> volumes = IntStream.range(0, 7).mapToObj(i -> phone.control.micVolumeUp()).toList();

            assertEquals(List.of(60, 70, 80, 90, 100, 100, 100), volumes);
        }

        @Test
        void stopsAtZero() {
            PhoneFixture phone = PhoneFixture.running();

            List<Integer> volumes = IntStream.range(0, 7).mapToObj(i -> phone.control.speakerVolumeDown()).toList();

            assertEquals(List.of(40, 30, 20, 10, 0, 0, 0), volumes);
        }

        @Test
        void areKeptWhenTheSoftphoneRestarts() {
            PhoneFixture phone = PhoneFixture.running();
            phone.control.speakerVolumeUp();
            phone.control.micVolumeDown();
            phone.control.exitProgram();
            phone.control.runProgram();

            assertEquals(70, phone.control.speakerVolumeUp());
            assertEquals(30, phone.control.micVolumeDown());
        }

        @Test
        void aChangeTheSoftphoneRefusedLeavesTheVolumeAsItWas() {
            PhoneFixture phone = PhoneFixture.running();
            phone.softphone.failNextRequestWith(new IllegalStateException("no audio device"));

            assertRefused(ErrorCode.ERROR_NOT_INITIALIZED, phone.control::speakerVolumeUp);

            assertEquals(60, phone.control.speakerVolumeUp());
        }
    }

    @Nested
    class Mute {
        @Test
        void mutesAndUnmutesTheMicrophone() {
            PhoneFixture phone = PhoneFixture.running();

            phone.control.mute(true);
            phone.control.mute(false);

            assertEquals(List.of("setMute(true)", "setMute(false)"), phone.requests());
        }
    }

    @Nested
    class CallStats {
        @Test
        void postsTheStatisticsOfTheFirstConnectedCallAsTheManualPrintsThem() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            phone.connected(2, 28058446);
            phone.forgetHistory();

            phone.control.callStats();

            assertEquals(List.of("callStats(28058446)"), phone.requests());
            assertEquals(List.of("Event : CallStatsUpdate, CallRef=28058446, Codec=G711u:20ms,"
                    + " ThisStation=192.168.30.55:16004:16004, OtherStation=192.168.30.87:26120:26122, CallLen=22,"
                    + " Sent=9024, Recvd=11214, Lost=4, Discarded=0, Jitter=16"), phone.eventAdmin.lines());
        }

        @Test
        void withNoConnectedCallTakesTheFirstHeldCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.ringingIn(1, 10);
            phone.held(2, 20);
            phone.held(1, 30);
            phone.forgetHistory();

            phone.control.callStats();

            assertEquals(List.of(FakeSoftphone.statsOf(new CallRef(20))), phone.eventAdmin.records());
        }

        @Test
        void withNoConnectedOrHeldCallTakesACallRingingOutForItsEarlyMedia() {
            PhoneFixture phone = PhoneFixture.running();
            phone.ringingIn(1, 10);
            phone.call(2, LineState.RING_OUT, 20, Direction.OUTGOING, "2004");
            phone.forgetHistory();

            phone.control.callStats();

            assertEquals(List.of("callStats(20)"), phone.requests());
        }

        @Test
        void withNoConnectedOrHeldCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.ringingIn(1, 10);
            phone.forgetHistory();

            assertRefused(ErrorCode.ERROR_NO_CALL, phone.control::callStats);
            assertEquals(List.of(), phone.requests());
            assertEquals(List.of(), phone.eventAdmin.events());
        }
    }
}
