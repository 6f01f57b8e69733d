package io.vtgoconnect.console.internal;

import io.vtgoconnect.api.shell.ShellSession;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.felix.service.command.CommandSession;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes the first word of a line with the names of the commands registered right now:
 * {@code vtgo} commands by their bare name, the others as {@code scope:name}.
 */
final class CommandNameCompleter implements Completer {
    private static final String VTGO_PREFIX = ShellSession.SCOPE + ":";

    /** The session is made after the line reader, since its output prints through the reader. */
    private volatile CommandSession session;
    /** Waits for the commands while the runtime starts, so that Tab at once finds them all. */
    private final Runnable awaitCommands;

    CommandNameCompleter(Runnable awaitCommands) {
        this.awaitCommands = awaitCommands;
    }

    void attach(CommandSession session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        CommandSession attached = session;
        if (line.wordIndex() == 0 && attached != null) {
            awaitCommands.run();
            commandNames(attached).forEach(name -> candidates.add(new Candidate(name)));
        }
    }

    static Collection<String> commandNames(CommandSession session) {
        Collection<String> names = new TreeSet<>();
        if (session.get(".commands") instanceof Collection<?> commands) {
            for (Object command : commands) {
                String name = command.toString();
                names.add(name.startsWith(VTGO_PREFIX) ? name.substring(VTGO_PREFIX.length()) : name);
            }
        }
        return names;
    }
}
