package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.shell.ShellSession;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The manual's phone commands in scope {@code vtgo}. Each reads its arguments, calls call control
 * and prints its answer: a confirmation, or the manual's error line; events print themselves.
 */
@Component(service = PhoneCommands.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=RunProgram",
        CommandProcessor.COMMAND_FUNCTION + "=ShowProgram",
        CommandProcessor.COMMAND_FUNCTION + "=HideProgram",
        CommandProcessor.COMMAND_FUNCTION + "=ExitProgram",
        CommandProcessor.COMMAND_FUNCTION + "=Snapshot",
        CommandProcessor.COMMAND_FUNCTION + "=OffHook",
        CommandProcessor.COMMAND_FUNCTION + "=OnHook",
        CommandProcessor.COMMAND_FUNCTION + "=MakeCall",
        CommandProcessor.COMMAND_FUNCTION + "=Answer",
        CommandProcessor.COMMAND_FUNCTION + "=EndCall",
        CommandProcessor.COMMAND_FUNCTION + "=Hold",
        CommandProcessor.COMMAND_FUNCTION + "=Resume",
        CommandProcessor.COMMAND_FUNCTION + "=DTMF",
        CommandProcessor.COMMAND_FUNCTION + "=Softkey",
        CommandProcessor.COMMAND_FUNCTION + "=Messages",
        CommandProcessor.COMMAND_FUNCTION + "=Transfer",
        CommandProcessor.COMMAND_FUNCTION + "=TransferInitiate",
        CommandProcessor.COMMAND_FUNCTION + "=TransferCommit",
        CommandProcessor.COMMAND_FUNCTION + "=TransferCancel",
        CommandProcessor.COMMAND_FUNCTION + "=ConferenceInitiate",
        CommandProcessor.COMMAND_FUNCTION + "=ConferenceCommit",
        CommandProcessor.COMMAND_FUNCTION + "=ConferenceCancel",
        CommandProcessor.COMMAND_FUNCTION + "=SpkrVolumeUp",
        CommandProcessor.COMMAND_FUNCTION + "=SpkrVolumeDown",
        CommandProcessor.COMMAND_FUNCTION + "=MicVolumeUp",
        CommandProcessor.COMMAND_FUNCTION + "=MicVolumeDown",
        CommandProcessor.COMMAND_FUNCTION + "=Mute",
        CommandProcessor.COMMAND_FUNCTION + "=CallStats"})
public class PhoneCommands {
    private final CallControl control;

    @Activate
    public PhoneCommands(@Reference CallControl control) {
        this.control = control;
    }

    @Descriptor("Start softphone application. Error message ERROR_PHONE_NOT_FOUND will be generated if softphone "
            + "application was not found and could not be started.")
    public void runProgram(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            if (!control.runProgram()) {
                output.println("The softphone is running already.");
            }
        });
    }

    @Descriptor("If softphone is running, ensures that a softphone window is visible. If softphone is not running, "
            + "will generate error message ERROR_PHONE_NOT_RUNNING.")
    public void showProgram(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> confirmWindow(output, control.showProgram(), "shown"));
    }

    @Descriptor("If softphone is running, minimizes (hides) softphone window. If softphone is not running, will "
            + "generate error message ERROR_PHONE_NOT_RUNNING.")
    public void hideProgram(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> confirmWindow(output, control.hideProgram(), "hidden"));
    }

    @Descriptor("Closes softphone application.")
    public void exitProgram(CommandSession session) {
        SessionOutput.of(session).answer(control::exitProgram);
    }

    @Descriptor("Generates softphone snapshot. Will display CallManager connection state, will list softphone lines "
            + "(line id, number, label, button, state, call reference ID) and speeddials (id, number, label, button).")
    public void snapshot(CommandSession session) {
        SessionOutput.of(session).answer(control::snapshot);
    }

    @Descriptor("Takes specified line offhook. If no line specified, will go offhook on the first line.")
    public void offHook(CommandSession session) {
        SessionOutput.of(session).answer(() -> control.offHook(OptionalInt.empty()));
    }

    public void offHook(CommandSession session, @Descriptor("line") String line) {
        SessionOutput.of(session).answer(() -> control.offHook(OptionalInt.of(parseLine(line))));
    }

    @Descriptor("Goes onhook on the specified line. If no line specified, will enumerate lines and will go onhook on "
            + "first line that is found in offhook state.")
    public void onHook(CommandSession session) {
        SessionOutput.of(session).answer(() -> control.onHook(OptionalInt.empty()));
    }

    public void onHook(CommandSession session, @Descriptor("line") String line) {
        SessionOutput.of(session).answer(() -> control.onHook(OptionalInt.of(parseLine(line))));
    }

    @Descriptor("Initiates call to the specified destination from the first available (idle) line.")
    public void makeCall(CommandSession session, @Descriptor("destination") String destination) {
        dial(session, "MakeCall", destination, () -> control.makeCall(destination));
    }

    @Descriptor("Answers incoming (ringing) call. If no call reference specified, will answer first call found in "
            + "ringing state.")
    public void answer(CommandSession session) {
        SessionOutput.of(session).answer(() -> control.answer(Optional.empty()));
    }

    public void answer(CommandSession session, @Descriptor("callRefID") String callRef) {
        SessionOutput.of(session).answer(() -> control.answer(Optional.of(CallRef.parse(callRef))));
    }

    @Descriptor("Ends active call by call reference ID. If no call reference ID specified will end first call found "
            + "in connected state.")
    public void endCall(CommandSession session) {
        SessionOutput.of(session).answer(() -> control.endCall(Optional.empty()));
    }

    public void endCall(CommandSession session, @Descriptor("callRefID") String callRef) {
        SessionOutput.of(session).answer(() -> control.endCall(Optional.of(CallRef.parse(callRef))));
    }

    @Descriptor("Puts active call on hold.")
    public void hold(CommandSession session) {
        SessionOutput.of(session).answer(control::hold);
    }

    @Descriptor("Resumes held call. If no call reference ID specified will resume first call found in held state.")
    public void resume(CommandSession session) {
        SessionOutput.of(session).answer(() -> control.resume(Optional.empty()));
    }

    public void resume(CommandSession session, @Descriptor("callRefID") String callRef) {
        SessionOutput.of(session).answer(() -> control.resume(Optional.of(CallRef.parse(callRef))));
    }

    @Descriptor("Sends DTMF tones. Valid values are 0,1,2,3,4,5,6,7,8,9,*,#. Single DTMF tones, as well as sequences "
            + "can be sent. Example: DTMF 2004")
    public void dtmf(CommandSession session, @Descriptor("dtmf") String digits) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            control.dtmf(digits);
            output.println("DTMF " + digits.strip() + " sent.");
        });
    }

    @Descriptor("Sends specified softkey. Valid softkeys are redial, newcall, hold, transfer, cfwdall, endcall, resume, "
            + "answer, conference, park, join, meetme, pickup, grouppickup, droplastconferee, callback, barge, cbarge, "
            + "dnd, divertall, idivert, watch, intercept, transfervmail. Example: Softkey newcall. If lineID and "
            + "callRefID are supplied, they will be used to send softkey event to specific line/call instance: "
            + "Softkey resume 1 resumes the call on hold on line 1, Softkey resume 1 1234567 the call with call "
            + "reference ID 1234567. With a call reference ID the line is found from the call, so Softkey resume -1 "
            + "1234567 is also valid.")
    public void softkey(CommandSession session, @Descriptor("softkey") String softkey) {
        press(session, () -> control.softkey(Softkey.parse(softkey), OptionalInt.empty(), Optional.empty()));
    }

    public void softkey(CommandSession session, @Descriptor("softkey") String softkey, @Descriptor("lineID") String line) {
        press(session, () -> control.softkey(Softkey.parse(softkey), OptionalInt.of(parseSoftkeyLine(line)), Optional.empty()));
    }

    public void softkey(CommandSession session, @Descriptor("softkey") String softkey, @Descriptor("lineID") String line,
            @Descriptor("callRefID") String callRef) {
        press(session, () -> control.softkey(Softkey.parse(softkey),
                OptionalInt.of(parseSoftkeyLine(line)), Optional.of(CallRef.parse(callRef))));
    }

    /** Presses a softkey and prints what it did when no event shows it (which way dnd now stands). */
    private static void press(CommandSession session, Supplier<String> softkey) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            String done = softkey.get();
            if (done != null && !done.isEmpty()) {
                output.println(done);
            }
        });
    }

    @Descriptor("Initiates call to voicemail system.")
    public void messages(CommandSession session) {
        SessionOutput.of(session).answer(control::messages);
    }

    @Descriptor("Performs one-step transfer to the specified destination.")
    public void transfer(CommandSession session, @Descriptor("destination") String destination) {
        dial(session, "Transfer", destination, () -> control.transfer(destination));
    }

    @Descriptor("Initiate consultative transfer to the specified destination.")
    public void transferInitiate(CommandSession session, @Descriptor("destination") String destination) {
        dial(session, "TransferInitiate", destination, () -> control.transferInitiate(destination));
    }

    @Descriptor("Commits (completes) initiated consultative transfer.")
    public void transferCommit(CommandSession session) {
        SessionOutput.of(session).answer(control::transferCommit);
    }

    @Descriptor("Cancels initiated consultative transfer.")
    public void transferCancel(CommandSession session) {
        SessionOutput.of(session).answer(control::transferCancel);
    }

    @Descriptor("Initiates conference call to the specified destination.")
    public void conferenceInitiate(CommandSession session, @Descriptor("destination") String destination) {
        dial(session, "ConferenceInitiate", destination, () -> control.conferenceInitiate(destination));
    }

    @Descriptor("Commits (completes) initiated conference.")
    public void conferenceCommit(CommandSession session) {
        SessionOutput.of(session).answer(control::conferenceCommit);
    }

    @Descriptor("Cancels initiated conference.")
    public void conferenceCancel(CommandSession session) {
        SessionOutput.of(session).answer(control::conferenceCancel);
    }

    @Descriptor("Increases speaker volume by 10%.")
    public void spkrVolumeUp(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> output.println("Speaker volume " + control.speakerVolumeUp() + "%"));
    }

    @Descriptor("Decreases speaker volume by 10%.")
    public void spkrVolumeDown(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> output.println("Speaker volume " + control.speakerVolumeDown() + "%"));
    }

    @Descriptor("Increases microphone volume by 10%.")
    public void micVolumeUp(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> output.println("Microphone volume " + control.micVolumeUp() + "%"));
    }

    @Descriptor("Decreases microphone volume by 10%.")
    public void micVolumeDown(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> output.println("Microphone volume " + control.micVolumeDown() + "%"));
    }

    @Descriptor("Mutes or unmutes microphone. If no parameter specified, mutes the mic.")
    public void mute(CommandSession session) {
        mute(session, "on");
    }

    public void mute(CommandSession session, @Descriptor("on|off") String setting) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            boolean on = parseOnOff(setting);
            control.mute(on);
            output.println(on ? "Microphone muted" : "Microphone unmuted");
        });
    }

    @Descriptor("Requests call statistics for the active call. CallStatsUpdate event will be generated to provide "
            + "information on call reference ID, codec used, IP addresses/send/receive ports of the both stations, "
            + "call length, number of bytes sent/received, packets lost/discarded, and average jitter.")
    public void callStats(CommandSession session) {
        SessionOutput.of(session).answer(control::callStats);
    }

    /** Gogo's fallback for a line that fits no method of these commands: see {@link GogoErrorAnswers#unfitArguments}. */
    public void _main(String[] argv) {
        GogoErrorAnswers.unfitArguments(argv);
    }

    /**
     * A command that calls a destination: {@code --help} in its place (as Apache Karaf's help asks
     * for it) prints the command's help, and is never dialled.
     */
    private void dial(CommandSession session, String function, String destination, Runnable call) {
        SessionOutput output = SessionOutput.of(session);
        if (GogoErrorAnswers.HELP_FLAG.equals(destination)) {
            output.takeHelpRequest();
            HelpCommand.detail(output, CommandCatalog.document(this, List.of(function)).get(0));
            return;
        }
        output.answer(call);
    }

    private static void confirmWindow(SessionOutput output, boolean hasWindow, String done) {
        output.println(hasWindow ? "Softphone window " + done + "." : "The softphone runs without a window.");
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
    private static int parseSoftkeyLine(String text) {
        return "-1".equals(text.trim()) ? -1 : parseLine(text);
    }

    private static boolean parseOnOff(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                    "\"" + setting + "\" is not on or off; type Mute on or Mute off.");
        };
    }
}
