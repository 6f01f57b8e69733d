package io.vtgoconnect.log.internal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** One JVM log record to the OSGi logger of the same name, at the matching level. */
final class ForwardingHandler extends Handler {
    private final LoggerFactory loggers;
    private final SimpleFormatter formatter = new SimpleFormatter();

    ForwardingHandler(LoggerFactory loggers) {
        this.loggers = loggers;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        String name = record.getLoggerName() == null ? "jvm" : record.getLoggerName();
        Logger logger = loggers.getLogger(name);
        // formatMessage fills in the record's {0} parameters; the throwable travels beside the message.
        String message = formatter.formatMessage(record);
        Throwable thrown = record.getThrown();
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            logger.error(message, thrown);
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn(message, thrown);
        } else if (level >= Level.INFO.intValue()) {
            logger.info(message, thrown);
        } else if (level >= Level.FINE.intValue()) {
            logger.debug(message, thrown);
        } else {
            logger.trace(message, thrown);
        }
    }

    @Override
    public void flush() {
        // Nothing is buffered here: the Log Service takes each record at once.
    }

    @Override
    public void close() {
        // The Log Service outlives this handler; nothing to release.
    }
}
