package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.window.SoftphoneWindow;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The manual's phone commands, with the manual's descriptions: each reads its arguments as typed,
 * calls the phone's call control and answers with a confirmation where no event shows what it did.
 */
@Component(service = CommandProvider.class)
public class ManualCommands implements CommandProvider {
    private static final String CALL_REF = "callRefID";
    private static final String LINE = "line";

    /** The page the runtime serves as the softphone's window, when its bundle runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SoftphoneWindow window;

    private final List<Command> commands = List.of(
            Command.phone("RunProgram", "Start softphone application. Error message ERROR_PHONE_NOT_FOUND will be "
                    + "generated if softphone application was not found and could not be started.", List.of(), 0,
                    on(control -> control.runProgram() ? CommandResult.NONE
                            : CommandResult.of("The softphone is running already."))),
            Command.phone("ShowProgram", "If softphone is running, ensures that a softphone window is visible. If "
                    + "softphone is not running, will generate error message ERROR_PHONE_NOT_RUNNING.", List.of(), 0,
                    call -> window(call, true)),
            Command.phone("HideProgram", "If softphone is running, minimizes (hides) softphone window. If softphone is "
                    + "not running, will generate error message ERROR_PHONE_NOT_RUNNING.", List.of(), 0,
                    call -> window(call, false)),
            Command.phone("ExitProgram", "Closes softphone application.", List.of(), 0, done(CallControl::exitProgram)),
            Command.phone("Snapshot", "Generates softphone snapshot. Will display CallManager connection state, will list "
                    + "softphone lines (line id, number, label, button, state, call reference ID) and speeddials (id, "
                    + "number, label, button).", List.of(), 0, done(CallControl::snapshot)),
            Command.phone("OffHook", "Takes specified line offhook. If no line specified, will go offhook on the first "
                    + "line.", List.of(LINE), 0, with((control, call) -> control.offHook(line(call, 0)))),
            Command.phone("OnHook", "Goes onhook on the specified line. If no line specified, will enumerate lines and will "
                    + "go onhook on first line that is found in offhook state.", List.of(LINE), 0,
                    with((control, call) -> control.onHook(line(call, 0)))),
            Command.phone("MakeCall", "Initiates call to the specified destination from the first available (idle) line.",
                    List.of("destination"), 1,
                    call -> CommandResult.NONE.with("callRef", control(call).makeCall(call.argument(0)).value())),
            Command.phone("Answer", "Answers incoming (ringing) call. If no call reference specified, will answer first "
                    + "call found in ringing state.", List.of(CALL_REF), 0,
                    with((control, call) -> control.answer(callRef(call, 0)))),
            Command.phone("EndCall", "Ends active call by call reference ID. If no call reference ID specified will end "
                    + "first call found in connected state.", List.of(CALL_REF), 0,
                    with((control, call) -> control.endCall(callRef(call, 0)))),
            Command.phone("Hold", "Puts active call on hold.", List.of(), 0, done(CallControl::hold)),
            Command.phone("Resume", "Resumes held call. If no call reference ID specified will resume first call found "
                    + "in held state.", List.of(CALL_REF), 0, with((control, call) -> control.resume(callRef(call, 0)))),
            Command.phone("DTMF", "Sends DTMF tones. Valid values are 0,1,2,3,4,5,6,7,8,9,*,#. Single DTMF tones, as "
                    + "well as sequences can be sent. Example: DTMF 2004", List.of("dtmf"), 1, call -> {
                        control(call).dtmf(call.argument(0));
                        return CommandResult.of("DTMF " + call.argument(0).strip() + " sent.");
                    }),
            Command.phone("Softkey", "Sends specified softkey. Valid softkeys are redial, newcall, hold, transfer, "
                    + "cfwdall, endcall, resume, answer, conference, park, join, meetme, pickup, grouppickup, "
                    + "droplastconferee, callback, barge, cbarge, dnd, divertall, idivert, watch, intercept, "
                    + "transfervmail. Example: Softkey newcall. If lineID and callRefID are supplied, they will be used to "
                    + "send softkey event to specific line/call instance: Softkey resume 1 resumes the call on hold on "
                    + "line 1, Softkey resume 1 1234567 the call with call reference ID 1234567. With a call reference ID "
                    + "the line is found from the call, so Softkey resume -1 1234567 is also valid.",
                    List.of("softkey", "lineID", CALL_REF), 1, ManualCommands::softkey),
            Command.phone("Messages", "Initiates call to voicemail system.", List.of(), 0, done(CallControl::messages)),
            Command.phone("Transfer", "Performs one-step transfer to the specified destination.", List.of("destination"), 1,
                    with((control, call) -> control.transfer(call.argument(0)))),
            Command.phone("TransferInitiate", "Initiate consultative transfer to the specified destination.",
                    List.of("destination"), 1, with((control, call) -> control.transferInitiate(call.argument(0)))),
            Command.phone("TransferCommit", "Commits (completes) initiated consultative transfer.", List.of(), 0,
                    done(CallControl::transferCommit)),
            Command.phone("TransferCancel", "Cancels initiated consultative transfer.", List.of(), 0,
                    done(CallControl::transferCancel)),
            Command.phone("ConferenceInitiate", "Initiates conference call to the specified destination.",
                    List.of("destination"), 1, with((control, call) -> control.conferenceInitiate(call.argument(0)))),
            Command.phone("ConferenceCommit", "Commits (completes) initiated conference.", List.of(), 0,
                    done(CallControl::conferenceCommit)),
            Command.phone("ConferenceCancel", "Cancels initiated conference.", List.of(), 0,
                    done(CallControl::conferenceCancel)),
            Command.phone("SpkrVolumeUp", "Increases speaker volume by 10%.", List.of(), 0,
                    on(control -> volume("Speaker", control.speakerVolumeUp()))),
            Command.phone("SpkrVolumeDown", "Decreases speaker volume by 10%.", List.of(), 0,
                    on(control -> volume("Speaker", control.speakerVolumeDown()))),
            Command.phone("MicVolumeUp", "Increases microphone volume by 10%.", List.of(), 0,
                    on(control -> volume("Microphone", control.micVolumeUp()))),
            Command.phone("MicVolumeDown", "Decreases microphone volume by 10%.", List.of(), 0,
                    on(control -> volume("Microphone", control.micVolumeDown()))),
            Command.phone("Mute", "Mutes or unmutes microphone. If no parameter specified, mutes the mic.",
                    List.of("on|off"), 0, call -> {
                        boolean on = call.optional(0).map(ManualCommands::onOff).orElse(true);
                        control(call).mute(on);
                        return CommandResult.of(on ? "Microphone muted" : "Microphone unmuted");
                    }),
            Command.phone("CallStats", "Requests call statistics for the active call. CallStatsUpdate event will be "
                    + "generated to provide information on call reference ID, codec used, IP addresses/send/receive ports "
                    + "of the both stations, call length, number of bytes sent/received, packets lost/discarded, and "
                    + "average jitter.", List.of(), 0, done(CallControl::callStats)));

    @Override
    public List<Command> commands() {
        return commands;
    }

    private static CallControl control(Invocation call) {
        return call.phone().control();
    }

    /** A command that answers what the phone's call control says. */
    private static Command.Action on(Function<CallControl, CommandResult> command) {
        return call -> command.apply(control(call));
    }

    /** A command whose events say what it did. */
    private static Command.Action done(Consumer<CallControl> command) {
        return call -> {
            command.accept(control(call));
            return CommandResult.NONE;
        };
    }

    /** A command of arguments whose events say what it did. */
    private static Command.Action with(java.util.function.BiConsumer<CallControl, Invocation> command) {
        return call -> {
            command.accept(control(call), call);
            return CommandResult.NONE;
        };
    }

    /**
     * ShowProgram and HideProgram: the phone's preconditions and refusals first, then its page, where
     * the runtime serves one: its address, or how many pages were closed.
     */
    private CommandResult window(Invocation call, boolean show) {
        boolean hasWindow = show ? control(call).showProgram() : control(call).hideProgram();
        SoftphoneWindow page = window;
        if (page != null) {
            String phone = call.phone().name();
            return CommandResult.of(show ? "Softphone window shown at " + page.show(phone)
                    : "Softphone window hidden: " + pages(page.hide(phone)) + " closed.");
        }
        return CommandResult.of(hasWindow ? "Softphone window " + (show ? "shown" : "hidden") + "."
                : "The softphone runs without a window.");
    }

    private static String pages(int count) {
        return count == 1 ? "1 page" : count + " pages";
    }

    private static CommandResult volume(String name, int percent) {
        return CommandResult.of(name + " volume " + percent + "%");
    }

    /** Presses a softkey, and says what it did when no event shows it (which way dnd now stands). */
    private static CommandResult softkey(Invocation call) {
        Softkey key = Softkey.parse(call.argument(0));
        OptionalInt line = call.optional(1).map(text -> OptionalInt.of(softkeyLine(text))).orElse(OptionalInt.empty());
        String done = control(call).softkey(key, line, callRef(call, 2));
        return done == null || done.isEmpty() ? CommandResult.NONE : CommandResult.of(done);
    }

    private static OptionalInt line(Invocation call, int index) {
        return call.optional(index).map(text -> OptionalInt.of(parseLine(text))).orElse(OptionalInt.empty());
    }

    private static Optional<CallRef> callRef(Invocation call, int index) {
        return call.optional(index).map(CallRef::parse);
    }

    private static int parseLine(String text) {
        try {
            int line = Integer.parseInt(text.trim());
            if (line > 0) {
                return line;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                "\"" + text + "\" is not a line; a line is its number on the phone: 1, 2, ...");
    }

    /** A softkey's line may be -1: "the line of the call". */
    private static int softkeyLine(String text) {
        return "-1".equals(text.trim()) ? -1 : parseLine(text);
    }

    private static boolean onOff(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                    "\"" + setting + "\" is not on or off; type Mute on or Mute off.");
        };
    }
}
