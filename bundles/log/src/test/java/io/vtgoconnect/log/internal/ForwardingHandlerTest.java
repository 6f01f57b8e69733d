package io.vtgoconnect.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

class ForwardingHandlerTest {
    private final List<String> logged = new ArrayList<>();

    @Test
    void eachRecordGoesToTheLoggerOfItsNameAtTheMatchingLevelWithItsParametersFilledIn() {
        ForwardingHandler handler = new ForwardingHandler(recordingFactory());
        handler.publish(record(Level.SEVERE, "stack", "cannot bind {0}", "127.0.0.1:5060"));
        handler.publish(record(Level.WARNING, "media", "late packet", null));
        handler.publish(record(Level.INFO, "media", "started", null));
        handler.publish(record(Level.FINE, "media", "tick", null));
        handler.publish(record(Level.FINEST, "media", "detail", null));
        assertEquals(List.of("stack error cannot bind 127.0.0.1:5060", "media warn late packet", "media info started",
                "media debug tick", "media trace detail"), logged);
    }

    private static LogRecord record(Level level, String name, String message, String parameter) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(name);
        if (parameter != null) {
            record.setParameters(new Object[] {parameter});
        }
        return record;
    }

    /** A LoggerFactory whose loggers note "name method message" for each entry. */
    private LoggerFactory recordingFactory() {
        return (LoggerFactory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {LoggerFactory.class},
                (factory, getLogger, names) -> Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Logger.class},
                        (logger, method, args) -> {
                            logged.add(names[0] + " " + method.getName() + " " + args[0]);
                            return null;
                        }));
    }
}
