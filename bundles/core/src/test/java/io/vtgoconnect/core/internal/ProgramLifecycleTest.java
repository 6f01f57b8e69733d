package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.DtmfReceived;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.osgi.service.event.Event;

/** RunProgram, ShowProgram, HideProgram, ExitProgram, the reports of the softphone and its removal. */
class ProgramLifecycleTest {

    /** Every command but RunProgram, by name. */
    private static final Map<String, Consumer<CallControl>> COMMANDS_NEEDING_A_RUNNING_PHONE = Map.ofEntries(
            Map.entry("ShowProgram", CallControl::showProgram),
            Map.entry("HideProgram", CallControl::hideProgram),
            Map.entry("ExitProgram", CallControl::exitProgram),
            Map.entry("Snapshot", CallControl::snapshot),
            Map.entry("OffHook", control -> control.offHook(OptionalInt.empty())),
            Map.entry("OnHook", control -> control.onHook(OptionalInt.empty())),
            Map.entry("MakeCall", control -> control.makeCall("2004")),
            Map.entry("Answer", control -> control.answer(Optional.empty())),
            Map.entry("EndCall", control -> control.endCall(Optional.empty())),
            Map.entry("Hold", CallControl::hold),
            Map.entry("Resume", control -> control.resume(Optional.empty())),
            Map.entry("DTMF", control -> control.dtmf("1")),
            Map.entry("Softkey", control -> control.softkey(Softkey.NEWCALL, OptionalInt.empty(), Optional.empty())),
            Map.entry("Messages", CallControl::messages),
            Map.entry("Transfer", control -> control.transfer("2004")),
            Map.entry("TransferInitiate", control -> control.transferInitiate("2004")),
            Map.entry("TransferCommit", CallControl::transferCommit),
            Map.entry("TransferCancel", CallControl::transferCancel),
            Map.entry("ConferenceInitiate", control -> control.conferenceInitiate("2004")),
            Map.entry("ConferenceCommit", CallControl::conferenceCommit),
            Map.entry("ConferenceCancel", CallControl::conferenceCancel),
            Map.entry("SpkrVolumeUp", CallControl::speakerVolumeUp),
            Map.entry("SpkrVolumeDown", CallControl::speakerVolumeDown),
            Map.entry("MicVolumeUp", CallControl::micVolumeUp),
            Map.entry("MicVolumeDown", CallControl::micVolumeDown),
            Map.entry("Mute", control -> control.mute(true)),
            Map.entry("CallStats", CallControl::callStats));

    @Nested
    class RunProgram {
        @Test
        void startsTheSoftphoneAndPostsWhatItReports() {
            PhoneFixture phone = PhoneFixture.installed();

            assertTrue(phone.control.runProgram());

            assertEquals(List.of("start"), phone.requests());
            assertEquals(List.of("Event : Connected to softphone"), phone.eventAdmin.lines());
        }

        @Test
        void doesNothingWhenTheSoftphoneRunsAlready() {
            PhoneFixture phone = PhoneFixture.running();

            assertFalse(phone.control.runProgram());

            assertEquals(List.of(), phone.requests());
            assertEquals(List.of(), phone.eventAdmin.events());
        }

        @Test
        void withNoSoftphoneInstalledIsPhoneNotFound() {
            CallControlImpl control = new CallControlImpl(new RecordingEventAdmin());

            CommandException refusal = assertRefused(ErrorCode.ERROR_PHONE_NOT_FOUND, control::runProgram);

            assertTrue(refusal.getMessage().startsWith("No softphone is installed: "), refusal::getMessage);
        }

        @Test
        void startsAgainAfterExitProgram() {
            PhoneFixture phone = PhoneFixture.running();
            phone.control.exitProgram();

            assertTrue(phone.control.runProgram());

            assertEquals(List.of("stop", "start"), phone.requests());
        }
    }

    @Nested
    class BeforeRunProgram {
        @TestFactory
        Stream<DynamicTest> everyOtherCommandIsPhoneNotRunning() {
            PhoneFixture phone = PhoneFixture.installed();
            return COMMANDS_NEEDING_A_RUNNING_PHONE.entrySet().stream().map(command -> DynamicTest.dynamicTest(
                    command.getKey(), () -> {
                        CommandException refusal = assertRefused(ErrorCode.ERROR_PHONE_NOT_RUNNING,
                                () -> command.getValue().accept(phone.control));
                        assertEquals("The softphone is not running; start it with RunProgram.", refusal.getMessage());
                        assertEquals(List.of(), phone.requests());
                    }));
        }

        @Test
        void withNoSoftphoneInstalledCommandsArePhoneNotRunning() {
            CallControlImpl control = new CallControlImpl(new RecordingEventAdmin());

            assertRefused(ErrorCode.ERROR_PHONE_NOT_RUNNING, control::snapshot);
        }

        @Test
        void afterExitProgramCommandsArePhoneNotRunning() {
            PhoneFixture phone = PhoneFixture.running();
            phone.control.exitProgram();

            assertRefused(ErrorCode.ERROR_PHONE_NOT_RUNNING, () -> phone.control.makeCall("2004"));
        }
    }

    @Nested
    class Window {
        @Test
        void showProgramShowsTheWindow() {
            PhoneFixture phone = PhoneFixture.running();

            assertTrue(phone.control.showProgram());

            assertEquals(List.of("setWindowVisible(true)"), phone.requests());
        }

        @Test
        void hideProgramHidesTheWindow() {
            PhoneFixture phone = PhoneFixture.running();

            assertTrue(phone.control.hideProgram());

            assertEquals(List.of("setWindowVisible(false)"), phone.requests());
        }
    }

    @Nested
    class ExitProgram {
        @Test
        void stopsTheSoftphoneAndPostsItsDisconnection() {
            PhoneFixture phone = PhoneFixture.running();

            phone.control.exitProgram();

            assertEquals(List.of("stop"), phone.requests());
            assertEquals(List.of("Event : Disconnected from softphone"), phone.eventAdmin.lines());
        }

        @Test
        void forgetsTheCallsOfTheStoppedSoftphone() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.control.exitProgram();
            phone.control.runProgram();

            assertRefused(ErrorCode.ERROR_NO_CALL, phone.control::hold);
        }
    }

    @Nested
    class Reports {
        @Test
        void eachReportedEventIsPostedOnItsTopicInOrder() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = new CallRef(28058453);
            List<VtgoEvent> reported = List.of(
                    new CallManagerConnected(),
                    phone.softphone.lineUpdate(1, LineState.RING_IN, call, Direction.INCOMING, "2004"),
                    new IncomingCall(call, "2001", "2004"),
                    new PartyPickup(call),
                    new DtmfReceived(call, "5"));

            reported.forEach(phone.softphone::report);

            assertEquals(reported, phone.eventAdmin.records());
            assertEquals(reported.stream().map(VtgoEvent::topic).toList(),
                    phone.eventAdmin.events().stream().map(Event::getTopic).toList());
        }

        @Test
        void aPostedEventCarriesTheRecordItsTextItsFieldsAndATimestamp() {
            PhoneFixture phone = PhoneFixture.running();
            LineUpdate update = phone.softphone.lineUpdate(1, LineState.CONNECTED, new CallRef(28058446),
                    Direction.OUTGOING, "2004");

            phone.softphone.report(update);

            Event event = phone.eventAdmin.events().get(0);
            assertEquals(LineUpdate.TOPIC, event.getTopic());
            assertSame(update, event.getProperty(EventProperties.EVENT));
            assertEquals("Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected), CallRef=28058446,"
                    + " Direction=outgoing, OtherParty=2004", event.getProperty(EventProperties.TEXT));
            assertEquals("2004", event.getProperty("otherParty"));
            assertTrue(event.getProperty(EventProperties.TIMESTAMP) instanceof Long);
        }

        @Test
        void theLinesAndSpeedDialsPostNothing() {
            PhoneFixture phone = PhoneFixture.running();

            phone.softphone.listener().configured(FakeSoftphone.MANUAL_LINES, FakeSoftphone.MANUAL_SPEED_DIALS);

            assertEquals(List.of(), phone.eventAdmin.events());
        }
    }

    @Nested
    class SoftphoneRemoval {
        @Test
        void whileRunningPostsTheDisconnectionAndForgetsThePhone() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.forgetHistory();

            phone.control.unbindTransport(phone.softphone);

            assertEquals(List.of(new SoftphoneDisconnected("softphone bundle removed")), phone.eventAdmin.records());
            assertRefused(ErrorCode.ERROR_PHONE_NOT_RUNNING, phone.control::hold);
            assertRefused(ErrorCode.ERROR_PHONE_NOT_FOUND, phone.control::runProgram);
        }

        @Test
        void afterwardsTheRemovedSoftphoneIsNoLongerHeard() {
            PhoneFixture phone = PhoneFixture.running();
            phone.control.unbindTransport(phone.softphone);
            phone.eventAdmin.clear();

            phone.softphone.report(new SoftphoneConnected(), new SoftphoneDisconnected("stopped"));

            assertEquals(List.of(), phone.eventAdmin.events());
            assertRefused(ErrorCode.ERROR_PHONE_NOT_RUNNING, phone.control::snapshot);
        }

        @Test
        void whileStoppedPostsNothing() {
            PhoneFixture phone = PhoneFixture.installed();

            phone.control.unbindTransport(phone.softphone);

            assertEquals(List.of(), phone.eventAdmin.events());
        }

        @Test
        void aReplacementSoftphoneDisconnectsTheRunningOneAndIsStartedByTheNextRunProgram() {
            PhoneFixture phone = PhoneFixture.running();
            FakeSoftphone replacement = new FakeSoftphone();

            // A greedy reference binds the better service before it unbinds the one it replaces.
            phone.control.bindTransport(replacement);
            phone.control.unbindTransport(phone.softphone);

            assertEquals(List.of(new SoftphoneDisconnected("softphone bundle removed")), phone.eventAdmin.records());
            assertTrue(phone.control.runProgram());
            assertEquals(List.of("start"), replacement.requests());
            assertEquals(List.of(), phone.requests());
        }
    }
}
