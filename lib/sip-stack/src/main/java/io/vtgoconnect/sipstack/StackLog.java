package io.vtgoconnect.sipstack;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.lang.System.Logger.Level;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * JAIN-SIP's stack and message logger, so that it needs no log4j. What the stack complains of is
 * almost always what a peer sent, and its texts often quote the message: so its errors and
 * warnings are debug lines, cut to their start, and an exception is named by its type, never
 * traced. What a peer sent that is dropped is told once per source by {@link PeerFaults}; message
 * traces are never written, since messages carry credentials.
 */
public final class StackLog implements StackLogger, ServerLogger {
    private static final System.Logger LOG = System.getLogger("io.vtgoconnect.transport.sip.stack");
    /** The stack puts whole packets into some messages; a log line keeps only their start. */
    private static final int LONGEST_MESSAGE = 80;

    private static String shortened(String message) {
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        return firstLine.length() <= LONGEST_MESSAGE ? firstLine : firstLine.substring(0, LONGEST_MESSAGE) + "...";
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        logged(null, ex);
    }

    private static void logged(String message, Throwable ex) {
        if (ex instanceof InterruptedException) {
            // The event scanner is interrupted on purpose when the stack stops.
            return;
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            // A hop named by a host name says so itself; the stack's other exceptions by their type.
            LOG.log(Level.DEBUG, ex instanceof LiteralAddressResolver.HostNameRefused refused ? refused.getMessage()
                    : (message == null ? "" : shortened(message) + ": ") + ex.getClass().getSimpleName());
        }
    }

    @Override
    public void logDebug(String message) {
    }

    @Override
    public void logDebug(String message, Exception ex) {
    }

    @Override
    public void logTrace(String message) {
    }

    @Override
    public void logFatalError(String message) {
        LOG.log(Level.DEBUG, () -> shortened(message));
    }

    @Override
    public void logError(String message) {
        LOG.log(Level.DEBUG, () -> shortened(message));
    }

    @Override
    public boolean isLoggingEnabled() {
        return true;
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        // The stack asks before building a message; only warnings and errors are wanted.
        return logLevel <= TRACE_WARN;
    }

    @Override
    public void logError(String message, Exception ex) {
        logged(message, ex);
    }

    @Override
    public void logWarning(String message) {
        LOG.log(Level.DEBUG, () -> shortened(message));
    }

    @Override
    public void logInfo(String message) {
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    }

    @Override
    public void logException(Exception ex) {
        logged(null, ex);
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
