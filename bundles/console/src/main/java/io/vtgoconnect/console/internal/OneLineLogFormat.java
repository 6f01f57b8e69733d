package io.vtgoconnect.console.internal;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the runtime's bundles log (FileInstall, the SIP stack) as one line: the message and what
 * caused it, never a stack trace. A jar in deploy/ that cannot start prints why, in one line.
 */
final class OneLineLogFormat extends Formatter {
    /** Every handler of the root logger writes records this way from now on. */
    static void install() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new OneLineLogFormat());
        }
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        Throwable cause = record.getThrown();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause == null ? null : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return (why == null || message.contains(why) ? message : message + ": " + why) + System.lineSeparator();
    }
}
