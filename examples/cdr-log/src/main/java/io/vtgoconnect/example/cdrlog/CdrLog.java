package io.vtgoconnect.example.cdrlog;

import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.VtgoEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An event handler plug-in: every VTGOConnect event reaches it through EventAdmin, and each call
 * that ends is appended to a file as one line of JSON (see {@link CallRecord}). Configuration
 * {@value #PID}: {@code file}.
 */
@Component(configurationPid = CdrLog.PID, property = EventConstants.EVENT_TOPIC + "=" + EventTopics.ALL)
@Designate(ocd = CdrLog.Settings.class)
public class CdrLog implements EventHandler {
    static final String PID = "io.vtgoconnect.example.cdrlog";

    @ObjectClassDefinition(name = "VTGOConnect call records", description = "One JSON line a call, appended to a file.")
    @interface Settings {
        @AttributeDefinition(name = "File", description = "Where the records are appended; relative to the runtime's folder.")
        String file() default "call-records.jsonl";
    }

    private final Path file;
    private final CallRecords calls = new CallRecords();

    @Activate
    public CdrLog(Settings settings) {
        this.file = Path.of(settings.file());
    }

    /** EventAdmin may call from more than one thread: the calls' state takes one event at a time. */
    @Override
    public synchronized void handleEvent(Event event) {
        if (!(event.getProperty(EventProperties.EVENT) instanceof VtgoEvent vtgoEvent)) {
            return;
        }
        Instant time = event.getProperty(EventProperties.TIMESTAMP) instanceof Long millis
                ? Instant.ofEpochMilli(millis) : Instant.now();
        List<CallRecord> ended = calls.take(vtgoEvent, time);
        if (!ended.isEmpty()) {
            append(ended.stream().map(record -> record.json() + System.lineSeparator()).reduce("", String::concat));
        }
    }

    private void append(String lines) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append the call records to " + file.toAbsolutePath(), e);
        }
    }
}
