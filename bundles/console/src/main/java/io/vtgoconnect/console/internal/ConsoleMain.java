package io.vtgoconnect.console.internal;

import io.vtgoconnect.api.shell.ShellSession;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The launcher's main thread: an interactive console on a terminal, or a batch run of the
 * commands given with {@code -c}, in a script file, or piped to standard input. Its result is the
 * process's exit code: 0 when every command succeeded, 1 when any failed, 2 for bad arguments.
 */
@Component(service = Callable.class, property = "main.thread=true")
public class ConsoleMain implements Callable<Integer> {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: vtgoconnect                 an interactive console (prompt \"> \")",
            "       vtgoconnect -c \"cmd; cmd\"    runs the commands, then exits",
            "       vtgoconnect script-file      runs the file's commands, one or more a line, then exits",
            "       ... | vtgoconnect            runs the commands read from standard input",
            "Exit code: 0 when every command succeeded, 1 when any answered an error or a waitfor timed out.");

    private final CommandProcessor processor;
    private final List<String> arguments;

    @Activate
    public ConsoleMain(@Reference CommandProcessor processor,
            @Reference(service = Object.class, target = "(launcher.arguments=*)") Map<String, Object> launcher) {
        this.processor = processor;
        this.arguments = launcher.get("launcher.arguments") instanceof String[] args ? List.of(args) : List.of();
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (arguments.isEmpty()) {
            return System.console() != null ? new InteractiveConsole(processor).run() : batch(out, System.in);
        }
        if (arguments.size() == 2 && arguments.get(0).equals("-c")) {
            return batch(out, List.of(arguments.get(1)));
        }
        if (arguments.size() == 1 && !arguments.get(0).startsWith("-")) {
            Path script = Path.of(arguments.get(0));
            if (Files.isReadable(script)) {
                return batch(out, Files.readAllLines(script, StandardCharsets.UTF_8));
            }
            out.println("Cannot read the script file " + script.toAbsolutePath() + ".");
            return 2;
        }
        boolean help = arguments.size() == 1 && List.of("-h", "--help").contains(arguments.get(0));
        out.println(USAGE);
        return help ? 0 : 2;
    }

    private int batch(PrintStream out, InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return batch(out, reader.lines().toList());
        }
    }

    private int batch(PrintStream out, List<String> lines) {
        try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, out)) {
            session.put("SCOPE", ShellSession.SCOPE + ":*");
            CommandRunner runner = new CommandRunner(session, out);
            for (String line : lines) {
                if (!line.strip().startsWith("#")) {
                    runner.run(line);
                }
            }
            return runner.failed() ? 1 : 0;
        }
    }
}
