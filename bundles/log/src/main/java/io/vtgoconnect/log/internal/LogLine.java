package io.vtgoconnect.log.internal;

import java.time.Instant;
import org.osgi.service.log.LogEntry;

/**
 * One log entry as one line: time, level, bundle, logger and message, and of an exception its
 * type and message (its root cause's too), never its stack, so that a fault is one line.
 */
final class LogLine {
    private LogLine() {
    }

    static String of(LogEntry entry) {
        StringBuilder line = new StringBuilder(Instant.ofEpochMilli(entry.getTime()).toString())
                .append(' ').append(entry.getLogLevel())
                .append(' ').append(entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName())
                .append(' ').append(entry.getLoggerName())
                .append(" - ").append(oneLine(entry.getMessage()));
        Throwable exception = entry.getException();
        if (exception != null) {
            line.append(": ").append(summary(exception));
            Throwable root = rootCause(exception);
            if (root != exception) {
                line.append(" (caused by ").append(summary(root)).append(')');
            }
        }
        return line.toString();
    }

    private static String summary(Throwable exception) {
        return exception.getMessage() == null ? exception.getClass().getName()
                : exception.getClass().getName() + ": " + oneLine(exception.getMessage());
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A message that spans lines (a SIP message, say) keeps its first line only. */
    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.strip();
    }
}
