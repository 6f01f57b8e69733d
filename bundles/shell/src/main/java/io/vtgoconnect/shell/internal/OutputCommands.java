package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.shell.ShellSession;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;

/** {@code waitfor} and {@code events}: how a script follows the phone, and how events are printed. */
@Component(service = OutputCommands.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=WaitFor",
        CommandProcessor.COMMAND_FUNCTION + "=Events"})
public class OutputCommands {
    static final int DEFAULT_WAIT_SECONDS = 10;

    @Descriptor("Waits until an output line (event or error) contains the text, 10 seconds unless told. Each wait consumes "
            + "the lines before its match, so a script follows the phone in order: hold; waitfor TsHold; resume; "
            + "waitfor TsConnected. With -r the text is a regular expression. A wait that times out fails the script.")
    public void waitFor(CommandSession session,
            @Parameter(names = {"-r", "--regex"}, presentValue = "true", absentValue = "false") boolean regex,
            @Descriptor("text") String text) throws InterruptedException {
        waitFor(session, regex, text, Integer.toString(DEFAULT_WAIT_SECONDS));
    }

    public void waitFor(CommandSession session,
            @Parameter(names = {"-r", "--regex"}, presentValue = "true", absentValue = "false") boolean regex,
            @Descriptor("text") String text, @Descriptor("seconds") String seconds) throws InterruptedException {
        SessionOutput output = SessionOutput.of(session);
        Predicate<String> match;
        Duration timeout;
        try {
            match = matcher(regex, text);
            timeout = timeout(seconds);
        } catch (CommandException e) {
            output.fail(e.line());
            return;
        }
        Optional<String> line = output.await(match, timeout);
        if (line.isEmpty()) {
            output.fail("Timeout : no line " + (regex ? "matched /" + text + "/" : "contained \"" + text + "\"")
                    + " within " + seconds + " s.");
        }
    }

    @Descriptor("Chooses how events print: events text (the manual's lines) or events json (a JSON object a line, "
            + "with a timestamp). Without an argument, says which form is in use.")
    public void events(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.println("Events are printed as " + (output.isJson() ? "json" : "text") + ".");
    }

    public void events(CommandSession session, @Descriptor("json|text") String form) {
        SessionOutput output = SessionOutput.of(session);
        switch (form.toLowerCase(Locale.ROOT)) {
            case "json" -> output.setJson(true);
            case "text" -> output.setJson(false);
            default -> output.fail(ErrorCode.ERROR_INVALID_COMMAND.format(
                    "\"" + form + "\" is not a form of events; use events json or events text."));
        }
    }

    private static Predicate<String> matcher(boolean regex, String text) {
        if (!regex) {
            return line -> line.contains(text);
        }
        try {
            return Pattern.compile(text).asPredicate();
        } catch (PatternSyntaxException e) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                    "\"" + text + "\" is not a regular expression: " + e.getDescription() + ".");
        }
    }

    private static Duration timeout(String seconds) {
        try {
            double value = Double.parseDouble(seconds);
            if (value > 0 && value <= Duration.ofDays(1).toSeconds()) {
                return Duration.ofMillis(Math.round(value * 1000));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                "\"" + seconds + "\" is not a number of seconds between 0 and 86400.");
    }
}
