package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.VtgoEvent;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Prints every VTGOConnect event in each shell session that has run a command, in the form the
 * session chose. A console that reads a line while events arrive keeps the line intact, since it
 * prints the session's output above its prompt.
 */
@Component(service = {EventHandler.class, CommandSessionListener.class},
        property = EventConstants.EVENT_TOPIC + "=" + EventTopics.ALL)
public class EventPrinter implements EventHandler, CommandSessionListener {
    private final Set<SessionOutput> outputs = new CopyOnWriteArraySet<>();
    private final Commands commands;

    @Activate
    public EventPrinter(@Reference Commands commands) {
        this.commands = commands;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(EventProperties.EVENT) instanceof VtgoEvent vtgoEvent)) {
            return;
        }
        long timestamp = event.getProperty(EventProperties.TIMESTAMP) instanceof Long millis
                ? millis : System.currentTimeMillis();
        String phone = event.getProperty(EventProperties.PHONE) instanceof String name ? name : "";
        String firstPhone = outputs.isEmpty() ? "" : commands.phones().stream().findFirst().map(Phone::name).orElse("");
        for (SessionOutput output : outputs) {
            if (output.isOpen()) {
                output.event(vtgoEvent, timestamp, phone, firstPhone);
            } else {
                outputs.remove(output);
            }
        }
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence commandline) {
        outputs.add(SessionOutput.of(session));
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Exception exception) {
        // GogoErrorAnswers answers failures.
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence commandline, Object result) {
        // Nothing to do after a command.
    }
}
