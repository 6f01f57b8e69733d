package io.vtgoconnect.log.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;

/** Writes the Log Service's entries to {@code vtgoconnect.log}, one line each, rotated by size. */
@Component(service = {}, immediate = true, configurationPid = LogFileSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LogFileSettings.class)
public class LogFile implements LogListener {
    static final String NAME = "vtgoconnect.log";

    private final LogReaderService reader;
    private final LogLevel threshold;
    private final RotatingFile file;
    private final RepeatedLine repeated = new RepeatedLine();

    @Activate
    public LogFile(@Reference LogReaderService reader, LogFileSettings settings) throws IOException {
        this.reader = reader;
        this.threshold = level(settings.level());
        this.file = new RotatingFile(Path.of(settings.folder()).resolve(NAME), settings.max_size_kb() * 1024L,
                settings.max_files());
        reader.addLogListener(this);
    }

    private static LogLevel level(String name) {
        try {
            return LogLevel.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("level must be ERROR, WARN, INFO, DEBUG or TRACE, not \"" + name + "\"", e);
        }
    }

    @Override
    public void logged(LogEntry entry) {
        if (threshold.implies(entry.getLogLevel()) && !routineFrameworkEvent(entry)) {
            String line = LogLine.of(entry);
            // The line's time comes first: what follows it is what the entry says.
            if (!repeated.repeats(line.substring(line.indexOf(' ') + 1), entry.getTime())) {
                file.append(line);
            }
        }
    }

    /**
     * The Log Service also reports every bundle and service event of the framework (loggers {@code Events.*}),
     * whatever the configured levels; only their warnings and errors say anything a reader of the log needs.
     */
    private static boolean routineFrameworkEvent(LogEntry entry) {
        return entry.getLoggerName().startsWith("Events.") && !LogLevel.WARN.implies(entry.getLogLevel());
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        file.close();
    }
}
