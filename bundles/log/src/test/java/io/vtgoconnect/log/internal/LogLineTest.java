package io.vtgoconnect.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
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

    @Test
    void aFrameworkEventNamesItsBundlesLocationTheJarToTakeOut() {
        Bundle leftBehind = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getSymbolicName" -> "left.behind";
                    case "getLocation" -> "file:/home/user/runtime/deploy/left-behind.jar";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        String line = LogLine.of(entry(LogLevel.ERROR, "Events.Framework.left.behind", leftBehind, "FrameworkEvent ERROR",
                new IllegalStateException("Unable to resolve left.behind: missing requirement no.such.pkg")));
        assertEquals("2026-12-05T10:15:30.250Z ERROR left.behind (file:/home/user/runtime/deploy/left-behind.jar) "
                + "Events.Framework.left.behind - FrameworkEvent ERROR: java.lang.IllegalStateException: "
                + "Unable to resolve left.behind: missing requirement no.such.pkg", line);
    }

    @Test
    void anEntryOfABundleNamesItBySymbolicNameAlone() {
        Bundle sip = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getSymbolicName" -> "io.vtgoconnect.transport-sip";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertEquals("2026-12-05T10:15:30.250Z INFO io.vtgoconnect.transport-sip io.vtgoconnect.test - registered",
                LogLine.of(entry(LogLevel.INFO, "io.vtgoconnect.test", sip, "registered", null)));
    }

    private static LogEntry entry(LogLevel level, String message, Throwable exception) {
        return entry(level, "io.vtgoconnect.test", null, message, exception);
    }

    private static LogEntry entry(LogLevel level, String loggerName, Bundle bundle, String message, Throwable exception) {
        return new LogEntry() {
            @Override
            public Bundle getBundle() {
                return bundle;
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
                return loggerName;
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
