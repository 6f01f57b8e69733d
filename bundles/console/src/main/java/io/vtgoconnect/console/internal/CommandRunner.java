package io.vtgoconnect.console.internal;

import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.shell.ShellSession;
import java.io.PrintStream;
import java.util.List;
import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs command lines in a session one statement at a time, so that a refused command does not
 * stop the ones after it, and tells whether any of them failed.
 */
final class CommandRunner {
    private final CommandSession session;
    private final PrintStream out;
    private int unansweredFailures;

    CommandRunner(CommandSession session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    void run(String line) {
        for (CharSequence statement : statements(line)) {
            execute(statement);
        }
    }

    /** Whether a command answered an error or a wait timed out. */
    boolean failed() {
        return unansweredFailures > 0 || sessionFailures() > 0;
    }

    private void execute(CharSequence statement) {
        int before = sessionFailures();
        try {
            Object result = session.execute(statement);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            // The shell answers the refusals it knows; anything else still gets one plain line.
            if (sessionFailures() == before) {
                unansweredFailures++;
                out.println(ErrorCode.ERROR_INVALID_COMMAND.format(
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
            }
        }
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
