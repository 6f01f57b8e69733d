package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.shell.ShellSession;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The shell's side of the phone commands: arguments read, call control called, answers printed. */
class PhoneCommandsTest {
    private final List<String> calls = new ArrayList<>();
    private final FakeSession session = new FakeSession();
    private RuntimeException refusal;
    private String softkeyAnswer = "";

    /** Records each call as "method[args]"; answers as a running phone with volumes at 60 %. */
    private final CallControl control = (CallControl) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {CallControl.class}, (proxy, method, args) -> {
                calls.add(method.getName() + Arrays.toString(args == null ? new Object[0] : args));
                if (refusal != null) {
                    throw refusal;
                }
                Class<?> type = method.getReturnType();
                return type == boolean.class ? Boolean.TRUE : type == int.class ? 60 : type == CallRef.class ? new CallRef(1)
                        : type == String.class ? softkeyAnswer : null;
            });
    private final PhoneCommands commands = new PhoneCommands(control);

    @Test
    void optionalArgumentsLeftOutReachCallControlAsAbsent() {
        commands.offHook(session);
        commands.answer(session);
        commands.resume(session);
        commands.softkey(session, "NewCall");
        assertEquals(List.of("offHook[OptionalInt.empty]", "answer[Optional.empty]", "resume[Optional.empty]",
                "softkey[NEWCALL, OptionalInt.empty, Optional.empty]"), calls);
    }

    @Test
    void argumentsAreRead() {
        commands.offHook(session, "2");
        commands.endCall(session, "28058446");
        commands.softkey(session, "resume", "-1", "1234567");
        commands.makeCall(session, "2004");
        assertEquals(List.of("offHook[" + OptionalInt.of(2) + "]", "endCall[" + Optional.of(new CallRef(28058446)) + "]",
                "softkey[" + Softkey.RESUME + ", " + OptionalInt.of(-1) + ", " + Optional.of(new CallRef(1234567)) + "]",
                "makeCall[2004]"), calls);
        assertEquals(List.of(), session.lines());
    }

    @Test
    void badArgumentsAnswerInvalidCommandWithoutCallingTheCore() {
        assertThrows(CommandException.class, () -> commands.offHook(session, "first"));
        assertThrows(CommandException.class, () -> commands.answer(session, "12ab"));
        assertThrows(CommandException.class, () -> commands.softkey(session, "dial"));
        assertThrows(CommandException.class, () -> commands.softkey(session, "hold", "0"));
        assertThrows(CommandException.class, () -> commands.mute(session, "maybe"));
        assertEquals(List.of(), calls);
        assertEquals(5, session.lines().size());
        session.lines().forEach(line -> assertTrue(line.startsWith("Error : ERROR_INVALID_COMMAND(3) - "), line));
        assertEquals(5, session.get(ShellSession.FAILURES));
    }

    @Test
    void dashDashHelpInPlaceOfADestinationPrintsHelpAndDialsNothing() {
        commands.makeCall(session, "--help");
        commands.transfer(session, "--help");
        assertEquals(List.of(), calls);
        assertEquals("MakeCall destination", session.lines().get(0));
        assertTrue(session.lines().contains("Transfer destination"), session.lines()::toString);
    }

    @Test
    void dtmfConfirmsTheDigitsSent() {
        commands.dtmf(session, "123#");
        assertEquals(List.of("dtmf[123#]"), calls);
        assertEquals(List.of("DTMF 123# sent."), session.lines());
    }

    @Test
    void aToggleSaysWhichWayItNowStands() {
        softkeyAnswer = "Do not disturb is on: calls ringing in are refused as busy.";
        commands.softkey(session, "dnd");
        softkeyAnswer = "";
        commands.softkey(session, "newcall");
        assertEquals(List.of("Do not disturb is on: calls ringing in are refused as busy."), session.lines());
    }

    @Test
    void muteDefaultsToOnAndConfirms() {
        commands.mute(session);
        commands.mute(session, "OFF");
        assertEquals(List.of("mute[true]", "mute[false]"), calls);
        assertEquals(List.of("Microphone muted", "Microphone unmuted"), session.lines());
    }

    @Test
    void volumesConfirmTheNewLevel() {
        commands.spkrVolumeUp(session);
        commands.micVolumeDown(session);
        assertEquals(List.of("Speaker volume 60%", "Microphone volume 60%"), session.lines());
    }

    @Test
    void aRefusalOfCallControlIsPrintedAsTheManualsErrorLine() {
        refusal = new CommandException(ErrorCode.ERROR_PHONE_NOT_RUNNING, "The softphone is not running; start it with RunProgram.");
        // The refusal fails the command, so that a shell such as Apache Karaf ends with a non-zero exit code.
        assertThrows(CommandException.class, () -> commands.hold(session));
        assertEquals(List.of("Error : ERROR_PHONE_NOT_RUNNING(2) - The softphone is not running; start it with RunProgram."),
                session.lines());
        assertEquals(1, session.get(ShellSession.FAILURES));
    }
}
