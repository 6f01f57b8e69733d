package io.vtgoconnect.console.internal;

import io.vtgoconnect.api.shell.ShellSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import java.util.function.Function;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on a terminal: prompt {@code > }, history, completion of command names, and every
 * line of output (events and the log's warnings from other threads too) printed above the line
 * being typed.
 */
final class InteractiveConsole {
    static final String PROMPT = "> ";
    private static final Path HISTORY = Path.of(System.getProperty("user.home"), ".vtgoconnect_history");

    private final CommandProcessor processor;
    /** Prints the log's warnings with the printer given, until closed. */
    private final Function<Consumer<String>, WarningLines> warnings;
    /** What the console does with its session before it closes. */
    private final Consumer<CommandSession> atEnd;
    /** The runtime's services, which start once the prompt shows; a command waits for what it needs of them. */
    private final RuntimeStart start;

    InteractiveConsole(CommandProcessor processor, Function<Consumer<String>, WarningLines> warnings,
            Consumer<CommandSession> atEnd, RuntimeStart start) {
        this.processor = processor;
        this.warnings = warnings;
        this.atEnd = atEnd;
        this.start = start;
    }

    int run() throws IOException {
        try (Terminal terminal = systemTerminal()) {
            CommandNameCompleter completer = new CommandNameCompleter(start::awaitCommands);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("vtgoconnect")
                    .variable(LineReader.HISTORY_FILE, HISTORY)
                    .history(new PasswordFreeHistory())
                    .completer(completer)
                    .build();
            PrintStream out = new PrintStream(new LineOutputStream(reader::printAbove), true, StandardCharsets.UTF_8);
            try (CommandSession session = processor.createSession(terminal.input(), out, out);
                    WarningLines shown = warnings.apply(out::println)) {
                session.put("SCOPE", ShellSession.SCOPE + ":*");
                completer.attach(session);
                out.println("VTGOConnect: type help for the commands, exit to leave.");
                CommandRunner runner = new CommandRunner(session, out, false, start::beforeStatement);
                // The prompt shows while the HTTP service starts: someone may use the panel before typing.
                start.startRest();
                while (true) {
                    String line;
                    try {
                        line = reader.readLine(PROMPT);
                    } catch (UserInterruptException interrupted) {
                        continue;
                    } catch (EndOfFileException endOfInput) {
                        break;
                    }
                    if (!runner.run(line)) {
                        break;
                    }
                }
                atEnd.accept(session);
                reader.getHistory().save();
            }
        }
        return 0;
    }

    /**
     * JLine finds its terminal providers through the thread's context class loader, which the
     * OSGi launcher leaves unset; without JLine's own loader there it falls back to a dumb terminal.
     */
    private static Terminal systemTerminal() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Terminal.class.getClassLoader());
        try {
            return TerminalBuilder.builder().system(true).name("vtgoconnect").build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
