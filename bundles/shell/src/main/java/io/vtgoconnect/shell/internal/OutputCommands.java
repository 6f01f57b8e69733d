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

/** {@code waitfor}, {@code sleep} and {@code events}: how a script follows the phone, and how its output is printed. */
@Component(service = OutputCommands.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=WaitFor",
        CommandProcessor.COMMAND_FUNCTION + "=Events",
        CommandProcessor.COMMAND_FUNCTION + "=Sleep"})
public class OutputCommands {
    static final int DEFAULT_WAIT_SECONDS = 10;

    @Descriptor("Waits until an output line (event or error) contains the text, 10 seconds unless told. It matches "
            + "only what came after the command before it began, or after the last wait's match, whichever is later, "
            + "so a script follows the phone in order: makecall 2004; waitfor TsConnected; hold; waitfor TsHold. With "
            + "-r the text is a regular expression. A wait that times out fails the script.")
    public void waitFor(CommandSession session,
            @Parameter(names = {"-r", "--regex"}, presentValue = "true", absentValue = "false") boolean regex,
            @Descriptor("text") String text) {
        waitFor(session, regex, text, Integer.toString(DEFAULT_WAIT_SECONDS));
    }

    public void waitFor(CommandSession session,
            @Parameter(names = {"-r", "--regex"}, presentValue = "true", absentValue = "false") boolean regex,
            @Descriptor("text") String text, @Descriptor("seconds") String seconds) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            Predicate<String> match = matcher(regex, text);
            Duration timeout = seconds(seconds);
            Optional<String> line;
            try {
                line = output.await(match, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                line = Optional.empty();
            }
            if (line.isEmpty()) {
                String sentence = "no line " + (regex ? "matched /" + text + "/" : "contained \"" + text + "\"")
                        + " within " + seconds + " s.";
                output.timeout("Timeout : " + sentence);
                // The wait fails the command: a script run with -e stops, Apache Karaf's client exits with 1.
                throw output.reported(new WaitTimedOut(sentence));
            }
        });
    }

    @Descriptor("Waits the seconds (a decimal number) before the next command runs. Events go on printing "
            + "meanwhile; it lets a call run, and is not for waiting for the phone (waitfor does that).")
    public void sleep(CommandSession session, @Descriptor("seconds") String seconds) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            Duration pause = seconds(seconds);
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Descriptor("Chooses how the session prints: events text (the manual's lines) or events json. In json every "
            + "line is one JSON object with a kind (event, error, timeout or output) and a timestamp. Without an "
            + "argument, says which form is in use.")
    public void events(CommandSession session) {
        SessionOutput output = SessionOutput.of(session);
        output.println("Events are printed as " + (output.isJson() ? "json" : "text") + ".");
    }

    public void events(CommandSession session, @Descriptor("json|text") String form) {
        SessionOutput output = SessionOutput.of(session);
        output.answer(() -> {
            switch (form.toLowerCase(Locale.ROOT)) {
                case "json" -> output.setJson(true);
                case "text" -> output.setJson(false);
                default -> throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                        "\"" + form + "\" is not a form of events; use events json or events text.");
            }
        });
    }

    /** Gogo's fallback for a line that fits no method of these commands: see {@link GogoErrorAnswers#unfitArguments}. */
    public void _main(String[] argv) {
        GogoErrorAnswers.unfitArguments(argv);
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

    private static Duration seconds(String seconds) {
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

    /** A wait that timed out, which fails the command after its Timeout line is printed. */
    static final class WaitTimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WaitTimedOut(String sentence) {
            super(sentence);
        }
    }
}
