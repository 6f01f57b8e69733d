package io.vtgoconnect.sipstack;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.lang.System.Logger.Level;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * JAIN-SIP's stack and message logger, so that it needs no log4j: errors go to the platform
 * logger, warnings (mostly about the TLS it is not asked to use) at debug level; message traces
 * are dropped, since messages carry credentials.
 */
public final class StackLog implements StackLogger, ServerLogger {
    private static final System.Logger LOG = System.getLogger("io.vtgoconnect.transport.sip.stack");
    /** The stack puts whole packets into some messages; a log line keeps only their start. */
    private static final int LONGEST_MESSAGE = 200;

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
        LOG.log(Level.WARNING, "SIP stack exception", ex);
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
        LOG.log(Level.ERROR, shortened(message));
    }

    @Override
    public void logError(String message) {
        LOG.log(Level.ERROR, shortened(message));
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
        if (ex instanceof LiteralAddressResolver.HostNameRefused refused) {
            LOG.log(Level.WARNING, refused.getMessage());
        } else if (!(ex instanceof InterruptedException)) {
            // The event scanner is interrupted on purpose when the stack stops; anything else is news.
            LOG.log(Level.ERROR, shortened(message), ex);
        }
    }

    @Override
    public void logWarning(String message) {
        LOG.log(Level.DEBUG, shortened(message));
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
        LOG.log(Level.WARNING, "SIP stack exception", ex);
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
