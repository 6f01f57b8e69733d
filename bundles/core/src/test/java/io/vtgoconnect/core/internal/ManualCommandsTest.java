package io.vtgoconnect.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.window.SoftphoneWindow;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The manual's commands as typed: arguments read, call control called, confirmations answered. */
class ManualCommandsTest {
    private final List<String> calls = new ArrayList<>();
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
    private final ManualCommands manual = new ManualCommands();
    private final Map<String, Command> commands = manual.commands().stream()
            .collect(Collectors.toMap(command -> command.spec().name(), command -> command));

    private List<String> run(String name, String... arguments) {
        Command command = commands.get(name);
        command.spec().checkArgumentCount(arguments.length);
        CommandResult result = command.action().run(new Invocation(new Phone("phone1", "SEP1", control), List.of(arguments)));
        return result.output();
    }

    @Test
    void everyPhoneCommandOfTheManualIsThereWithItsDescription() {
        assertEquals(28, commands.size());
        commands.values().forEach(command -> assertFalse(command.spec().description().isBlank(), command.spec().name()));
        CommandSpec dtmf = commands.get("DTMF").spec();
        assertEquals("Sends DTMF tones.", dtmf.summary());
        assertEquals("Sends DTMF tones. Valid values are 0,1,2,3,4,5,6,7,8,9,*,#. Single DTMF tones, as well as "
                + "sequences can be sent. Example: DTMF 2004", dtmf.description());
    }

    @Test
    void usageShowsRequiredAndOptionalParameters() {
        assertEquals("MakeCall destination", commands.get("MakeCall").spec().usage());
        assertEquals("Softkey softkey [lineID] [callRefID]", commands.get("Softkey").spec().usage());
        assertEquals("Mute [on|off]", commands.get("Mute").spec().usage());
        assertEquals("Answer [callRefID]", commands.get("Answer").spec().usage());
        assertEquals("Hold", commands.get("Hold").spec().usage());
    }

    @Test
    void optionalArgumentsLeftOutReachCallControlAsAbsent() {
        run("OffHook");
        run("Answer");
        run("Resume");
        run("Softkey", "NewCall");
        assertEquals(List.of("offHook[OptionalInt.empty]", "answer[Optional.empty]", "resume[Optional.empty]",
                "softkey[NEWCALL, OptionalInt.empty, Optional.empty]"), calls);
    }

    @Test
    void argumentsAreRead() {
        run("OffHook", "2");
        run("EndCall", "28058446");
        run("Softkey", "resume", "-1", "1234567");
        assertEquals(List.of(), run("MakeCall", "2004"));
        assertEquals(List.of("offHook[" + OptionalInt.of(2) + "]", "endCall[" + Optional.of(new CallRef(28058446)) + "]",
                "softkey[" + Softkey.RESUME + ", " + OptionalInt.of(-1) + ", " + Optional.of(new CallRef(1234567)) + "]",
                "makeCall[2004]"), calls);
    }

    @Test
    void makeCallAnswersTheNewCallsReference() {
        Command makeCall = commands.get("MakeCall");
        assertEquals(Map.of("callRef", 1L), makeCall.action().run(new Invocation(new Phone("phone1", "", control),
                List.of("2004"))).values());
    }

    @Test
    void badArgumentsAnswerInvalidCommandWithoutCallingTheCore() {
        for (String[] command : List.of(new String[] {"OffHook", "first"}, new String[] {"Answer", "12ab"},
                new String[] {"Softkey", "dial"}, new String[] {"Softkey", "hold", "0"}, new String[] {"Mute", "maybe"})) {
            CommandException refused = assertThrows(CommandException.class,
                    () -> run(command[0], Arrays.copyOfRange(command, 1, command.length)));
            assertEquals(ErrorCode.ERROR_INVALID_COMMAND, refused.code());
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void missingAndSurplusArgumentsAreTheManualsRefusals() {
        CommandException missing = assertThrows(CommandException.class, () -> run("MakeCall"));
        assertEquals("Error : ERROR_NO_DESTINATION(4) - MakeCall needs a destination: MakeCall destination.", missing.line());
        CommandException dtmf = assertThrows(CommandException.class, () -> run("DTMF"));
        assertEquals("Error : ERROR_MISSING_PARAMETER(9) - DTMF needs a dtmf: DTMF dtmf.", dtmf.line());
        CommandException surplus = assertThrows(CommandException.class, () -> run("Hold", "1"));
        assertEquals("Error : ERROR_INVALID_COMMAND(3) - Hold takes at most 0 arguments, 1 given: Hold.", surplus.line());
    }

    @Test
    void dtmfConfirmsTheDigitsSent() {
        assertEquals(List.of("DTMF 123# sent."), run("DTMF", "123#"));
        assertEquals(List.of("dtmf[123#]"), calls);
    }

    @Test
    void aToggleSaysWhichWayItNowStands() {
        softkeyAnswer = "Do not disturb is on: calls ringing in are refused as busy.";
        assertEquals(List.of("Do not disturb is on: calls ringing in are refused as busy."), run("Softkey", "dnd"));
        softkeyAnswer = "";
        assertEquals(List.of(), run("Softkey", "newcall"));
    }

    @Test
    void muteDefaultsToOnAndConfirms() {
        assertEquals(List.of("Microphone muted"), run("Mute"));
        assertEquals(List.of("Microphone unmuted"), run("Mute", "OFF"));
        assertEquals(List.of("mute[true]", "mute[false]"), calls);
    }

    @Test
    void volumesConfirmTheNewLevel() {
        assertEquals(List.of("Speaker volume 60%"), run("SpkrVolumeUp"));
        assertEquals(List.of("Microphone volume 60%"), run("MicVolumeDown"));
    }

    @Test
    void aRefusalOfCallControlPassesThrough() {
        refusal = new CommandException(ErrorCode.ERROR_PHONE_NOT_RUNNING, "The softphone is not running; start it with RunProgram.");
        CommandException refused = assertThrows(CommandException.class, () -> run("Hold"));
        assertTrue(refused == refusal);
    }

    @Test
    void withoutAPageTheWindowCommandsSayTheSoftphoneHasAWindowOrNot() {
        assertEquals(List.of("Softphone window shown."), run("ShowProgram"));
        assertEquals(List.of("Softphone window hidden."), run("HideProgram"));
        assertEquals(List.of("showProgram[]", "hideProgram[]"), calls);
    }

    @Test
    void showProgramGivesThePanelsAddressAndHideProgramClosesItsPages() {
        List<String> shown = new ArrayList<>();
        manual.window = new SoftphoneWindow() {
            @Override
            public String show(String phone) {
                shown.add("show " + phone);
                return "http://127.0.0.1:6970/panel/index.html?phone=" + phone;
            }

            @Override
            public int hide(String phone) {
                shown.add("hide " + phone);
                return 2;
            }
        };
        assertEquals(List.of("Softphone window shown at http://127.0.0.1:6970/panel/index.html?phone=phone1"), run("ShowProgram"));
        assertEquals(List.of("Softphone window hidden: 2 pages closed."), run("HideProgram"));
        assertEquals(List.of("show phone1", "hide phone1"), shown);

        refusal = new CommandException(ErrorCode.ERROR_PHONE_NOT_RUNNING, "The softphone is not running; start it with RunProgram.");
        assertThrows(CommandException.class, () -> run("ShowProgram"));
        assertThrows(CommandException.class, () -> run("HideProgram"));
        assertEquals(2, shown.size(), "a phone that is not running shows and hides no page");
    }
}
