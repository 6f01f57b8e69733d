package io.vtgoconnect.console.internal;

import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.shell.ShellSession;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs command lines in a session one statement at a time, so that a refused command does not
 * stop the ones after it (unless the run stops at the first failure, as {@code set -e} does), and
 * tells whether any of them failed. {@code exit} and {@code quit} end the run.
 */
final class CommandRunner {
    private static final List<String> LEAVING = List.of("exit", "quit");

    private final CommandSession session;
    private final PrintStream out;
    private final boolean stopAtFailure;
    static final String NOT_STARTED = "Warning : the runtime has not finished starting;"
            + " the command runs without what has not started yet (the log says what failed).";

    /** What a statement waits for before it runs (the runtime's services still starting); false when the wait timed out. */
    private final Predicate<CharSequence> beforeStatement;
    private int unansweredFailures;
    private boolean ended;

    /**
     * @param stopAtFailure whether the first refused command or timed-out wait ends the run
     * @param beforeStatement what each statement waits for before it runs; false when it did not come in time
     */
    CommandRunner(CommandSession session, PrintStream out, boolean stopAtFailure, Predicate<CharSequence> beforeStatement) {
        this.session = session;
        this.out = out;
        this.stopAtFailure = stopAtFailure;
        this.beforeStatement = beforeStatement;
    }

    /** Runs the line's statements in order. @return whether the run goes on (no exit, and no failure that stops it) */
    boolean run(String line) {
        for (CharSequence statement : statements(line)) {
            if (ended) {
                break;
            }
            if (LEAVING.contains(statement.toString().strip().toLowerCase(Locale.ROOT))) {
                ended = true;
            } else {
                if (!beforeStatement.test(statement)) {
                    print(NOT_STARTED);
                }
                execute(statement);
                ended = stopAtFailure && failed();
            }
        }
        return !ended;
    }

    /** Whether a command answered an error or a wait timed out. */
    boolean failed() {
        return unansweredFailures > 0 || sessionFailures() > 0;
    }

    private void execute(CharSequence statement) {
        int before = answered();
        try {
            Object result = session.execute(statement);
            if (result != null) {
                print(String.valueOf(session.format(result, Converter.INSPECT)));
            }
        } catch (Exception e) {
            // The shell answers the refusals it knows; anything else still gets one plain line.
            if (answered() == before) {
                unansweredFailures++;
                print(ErrorCode.ERROR_INVALID_COMMAND.format(
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
            }
        }
    }

    /** A line of output in the session's form (a JSON object in events json), once the shell has one. */
    @SuppressWarnings("unchecked")
    private void print(String text) {
        if (session.get(ShellSession.PRINT) instanceof Consumer<?> print) {
            text.lines().forEach(((Consumer<String>) print)::accept);
        } else {
            out.println(text);
        }
    }

    private int answered() {
        return session.get(ShellSession.ANSWERED) instanceof Integer count ? count : 0;
    }

    private int sessionFailures() {
        return session.get(ShellSession.FAILURES) instanceof Integer count ? count : 0;
    }

    /** The top-level statements of a line; a line that does not parse goes whole, for Gogo to answer. */
    private static List<? extends CharSequence> statements(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        try {
            return new Parser(line).program().tokens();
        } catch (SyntaxError e) {
            return List.of(line);
        }
    }
}
