package io.vtgoconnect.log.internal;

import java.time.Instant;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;

/**
 * One log entry as one line: time, level, bundle, logger and message, and of an exception its
 * type and message (its root cause's too), never its stack, so that a fault is one line.
 */
final class LogLine {
    /** The Log Service's logger for framework events: {@code Events.Framework.<symbolic name>}. */
    private static final String FRAMEWORK_EVENTS = "Events.Framework";

    private LogLine() {
    }

    static String of(LogEntry entry) {
        StringBuilder line = new StringBuilder(Instant.ofEpochMilli(entry.getTime()).toString())
                .append(' ').append(entry.getLogLevel())
                .append(' ').append(bundle(entry))
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

    /**
     * The framework reports a bundle that cannot start (a jar left in deploy/, whose start the framework
     * queued) as a framework event of that bundle: its location names the jar to take out.
     */
    private static String bundle(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        if (bundle == null) {
            return "-";
        }
        return entry.getLoggerName().startsWith(FRAMEWORK_EVENTS) ? bundle.getSymbolicName() + " (" + bundle.getLocation() + ")"
                : bundle.getSymbolicName();
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
