package io.vtgoconnect.console.internal;

import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * While a console runs, prints each warning and error of the Log Service as one short line,
 * {@code Warning : message (cause)}, never a stack trace: the log file has the entry in full.
 */
final class WarningLines implements LogListener, AutoCloseable {
    static final String PREFIX = "Warning : ";

    private final Optional<LogReaderService> reader;
    private final Consumer<String> print;

    /**
     * @param reader the Log Service's reader, none where no Log Service runs
     * @param print prints a line where the console shows its output (above the prompt on a terminal)
     */
    WarningLines(Optional<LogReaderService> reader, Consumer<String> print) {
        this.reader = reader;
        this.print = print;
        reader.ifPresent(logs -> logs.addLogListener(this));
    }

    @Override
    public void logged(LogEntry entry) {
        if (LogLevel.WARN.implies(entry.getLogLevel())) {
            print.accept(line(entry.getMessage(), entry.getException()));
        }
    }

    /** The message's first line, and of an exception its type and the first line of its message. */
    static String line(String message, Throwable exception) {
        String line = PREFIX + firstLine(message);
        if (exception == null) {
            return line;
        }
        String reason = firstLine(exception.getMessage());
        return line + " (" + exception.getClass().getSimpleName() + (reason.isEmpty() ? "" : ": " + reason) + ")";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }

    @Override
    public void close() {
        reader.ifPresent(logs -> logs.removeLogListener(this));
    }
}
