package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a command answers when the softphone throws instead of carrying out the request. */
class SoftphoneFailureTest {
    /** Two lines, the second one with a trace as a careless softphone might put in its message. */
    private static final String TRACED_MESSAGE = "socket closed.\n\tat sip.Stack.send(Stack.java:42)";

    /** A running phone with a connected and a held call on line 1, and line 2 free. */
    private static PhoneFixture busyPhone() {
        PhoneFixture phone = PhoneFixture.running();
        phone.connected(1, 10);
        phone.held(1, 20);
        return phone;
    }

    static List<Arguments> commands() {
        return List.of(
                Arguments.of("MakeCall", ErrorCode.ERROR_MAKE_CALL, (Consumer<CallControl>) c -> c.makeCall("2004")),
                Arguments.of("Messages", ErrorCode.ERROR_MAKE_CALL, (Consumer<CallControl>) CallControl::messages),
                Arguments.of("Transfer", ErrorCode.ERROR_TRANSFER, (Consumer<CallControl>) c -> c.transfer("2005")),
                Arguments.of("TransferInitiate", ErrorCode.ERROR_TRANSFER,
                        (Consumer<CallControl>) c -> c.transferInitiate("2005")),
                Arguments.of("ConferenceInitiate", ErrorCode.ERROR_CONFERENCE,
                        (Consumer<CallControl>) c -> c.conferenceInitiate("2005")),
                Arguments.of("ShowProgram", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) CallControl::showProgram),
                Arguments.of("HideProgram", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) CallControl::hideProgram),
                Arguments.of("ExitProgram", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) CallControl::exitProgram),
                Arguments.of("OffHook", ErrorCode.ERROR_NOT_INITIALIZED,
                        (Consumer<CallControl>) c -> c.offHook(OptionalInt.of(2))),
                Arguments.of("OnHook", ErrorCode.ERROR_NOT_INITIALIZED,
                        (Consumer<CallControl>) c -> c.onHook(OptionalInt.of(2))),
                Arguments.of("EndCall", ErrorCode.ERROR_NOT_INITIALIZED,
                        (Consumer<CallControl>) c -> c.endCall(Optional.empty())),
                Arguments.of("Hold", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) CallControl::hold),
                Arguments.of("Resume", ErrorCode.ERROR_NOT_INITIALIZED,
                        (Consumer<CallControl>) c -> c.resume(Optional.empty())),
                Arguments.of("DTMF", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) c -> c.dtmf("5")),
                Arguments.of("Softkey", ErrorCode.ERROR_NOT_INITIALIZED,
                        (Consumer<CallControl>) c -> c.softkey(Softkey.PARK, OptionalInt.empty(), Optional.empty())),
                Arguments.of("MicVolumeUp", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) CallControl::micVolumeUp),
                Arguments.of("Mute", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) c -> c.mute(true)),
                Arguments.of("CallStats", ErrorCode.ERROR_NOT_INITIALIZED, (Consumer<CallControl>) CallControl::callStats));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void anUnexpectedFailureBecomesTheCommandsErrorWithTheReasonAndNoTrace(String name, ErrorCode code,
            Consumer<CallControl> command) {
        PhoneFixture phone = busyPhone();
        phone.softphone.failNextRequestWith(new IllegalStateException(TRACED_MESSAGE));

        CommandException refusal = assertRefused(code, () -> command.accept(phone.control));

        assertTrue(refusal.getMessage().startsWith("The softphone could not "), refusal::getMessage);
        assertTrue(refusal.getMessage().endsWith(": socket closed."), refusal::getMessage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aRefusalOfTheSoftphonePassesThroughUnchanged(String name, ErrorCode code, Consumer<CallControl> command) {
        PhoneFixture phone = busyPhone();
        CommandException refusal = new CommandException(ErrorCode.ERROR_NO_DESTINATION, "2004 is not a known number.");
        phone.softphone.failNextRequestWith(refusal);

        assertSame(refusal, assertThrows(CommandException.class, () -> command.accept(phone.control)));
    }

    @Test
    void anUnexpectedFailureToCommitATransferIsTransfer() {
        PhoneFixture phone = busyPhone();
        phone.control.transferInitiate("2005");
        phone.softphone.failNextRequestWith(new IllegalStateException(TRACED_MESSAGE));

        CommandException refusal = assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCommit);

        assertEquals("The softphone could not commit the transfer: socket closed.", refusal.getMessage());
    }

    @Test
    void anUnexpectedFailureToCancelAConferenceIsConference() {
        PhoneFixture phone = busyPhone();
        phone.control.conferenceInitiate("2005");
        phone.softphone.failNextRequestWith(new IllegalStateException(TRACED_MESSAGE));

        assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCancel);
    }

    @Test
    void anUnexpectedFailureToStartIsPhoneNotFound() {
        PhoneFixture phone = PhoneFixture.installed();
        phone.softphone.failNextRequestWith(new IllegalStateException("port 5060 is in use"));

        CommandException refusal = assertRefused(ErrorCode.ERROR_PHONE_NOT_FOUND, phone.control::runProgram);

        assertEquals("The softphone could not start: port 5060 is in use.", refusal.getMessage());
    }

    @Test
    void aRefusalToStartPassesThroughAndThePhoneStaysStopped() {
        PhoneFixture phone = PhoneFixture.installed();
        CommandException refusal = new CommandException(ErrorCode.ERROR_PHONE_NOT_FOUND, "No audio device was found.");
        phone.softphone.failNextRequestWith(refusal);

        assertSame(refusal, assertThrows(CommandException.class, phone.control::runProgram));
        assertRefused(ErrorCode.ERROR_PHONE_NOT_RUNNING, phone.control::snapshot);
        assertTrue(phone.control.runProgram());
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsType() {
        PhoneFixture phone = busyPhone();
        phone.softphone.failNextRequestWith(new NullPointerException());

        CommandException refusal = assertRefused(ErrorCode.ERROR_NOT_INITIALIZED, phone.control::hold);

        assertEquals("The softphone could not hold call 10: NullPointerException.", refusal.getMessage());
        assertFalse(refusal.line().contains("\n"));
    }
}
