package io.vtgoconnect.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class LogLineTest {
    private static final long TIME = Instant.parse("2026-12-05T10:15:30.250Z").toEpochMilli();

    @Test
    void anEntryIsOneLineWithItsExceptionsTypeAndCauseButNoStack() {
        Exception fault = new IllegalStateException("stack stopped", new UncheckedIOException(new IOException("port in use")));
        String line = LogLine.of(entry(LogLevel.WARN, "SIP request dropped\nINVITE sip:2001@127.0.0.1 SIP/2.0", fault));
        assertEquals("2026-12-05T10:15:30.250Z WARN - io.vtgoconnect.test - SIP request dropped: "
                + "java.lang.IllegalStateException: stack stopped (caused by java.io.IOException: port in use)", line);
    }

    @Test
    void anEntryWithoutExceptionIsItsMessage() {
        assertEquals("2026-12-05T10:15:30.250Z INFO - io.vtgoconnect.test - listening on 127.0.0.1:5060",
                LogLine.of(entry(LogLevel.INFO, "listening on 127.0.0.1:5060", null)));
    }

    private static LogEntry entry(LogLevel level, String message, Throwable exception) {
        return new LogEntry() {
            @Override
            public Bundle getBundle() {
                return null;
            }

            @Override
            public ServiceReference<?> getServiceReference() {
                return null;
            }

            @Override
            @SuppressWarnings("deprecation")
            public int getLevel() {
                return level.ordinal();
            }

            @Override
            public String getMessage() {
                return message;
            }

            @Override
            public Throwable getException() {
                return exception;
            }

            @Override
            public long getTime() {
                return TIME;
            }

            @Override
            public LogLevel getLogLevel() {
                return level;
            }

            @Override
            public String getLoggerName() {
                return "io.vtgoconnect.test";
            }

            @Override
            public long getSequence() {
                return 1;
            }

            @Override
            public String getThreadInfo() {
                return "main";
            }

            @Override
            public StackTraceElement getLocation() {
                return null;
            }
        };
    }
}
