package io.vtgoconnect.console.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.shell.ShellSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogReaderService;

/**
 * The launcher's main thread: an interactive console on a terminal, or a batch run of the
 * commands given with {@code -c}, in a script file, or piped to standard input (each line runs as
 * it arrives, so that a program can drive the console). Its result is the process's exit code: 0
 * when every command succeeded, 1 when any failed, 2 for bad arguments.
 */
@Component(service = Callable.class, property = "main.thread=true")
public class ConsoleMain implements Callable<Integer> {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: vtgoconnect                    an interactive console (prompt \"> \")",
            "       vtgoconnect [-e] -c \"cmd; cmd\"  runs the commands, then exits",
            "       vtgoconnect [-e] script-file     runs the file's commands, one or more a line, then exits",
            "       ... | vtgoconnect [-e]           runs each line read from standard input as it arrives",
            "       vtgoconnect -h                   prints this help",
            "  -e   stops at the first command that answers an error or waitfor that times out (as set -e does)",
            "exit or quit ends a batch as it ends the console.",
            "Exit code: 0 when every command succeeded, 1 when any answered an error or a waitfor timed out,",
            "2 for bad arguments (an unknown option, an unreadable script file).");

    /** How long the end of a run waits for the softphone's last event to print. */
    static final int LAST_EVENT_SECONDS = 5;
    /** How long the first statement waits for what it needs to start: help the commands, any other the whole runtime. */
    static final Duration RUNTIME_START = Duration.ofSeconds(15);

    private final CommandProcessor processor;
    private final List<String> arguments;
    private final BundleContext context;
    /** Whose warnings the console shows; the console runs without them where no Log Service runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LogReaderService logs;
    /** The phones still running when the run ends are stopped while its session still prints, so that their last events are seen. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Commands commands;

    @Activate
    public ConsoleMain(@Reference CommandProcessor processor,
            @Reference(service = Object.class, target = "(launcher.arguments=*)") Map<String, Object> launcher,
            BundleContext context) {
        this.processor = processor;
        this.context = context;
        this.arguments = launcher.get("launcher.arguments") instanceof String[] args ? List.of(args) : List.of();
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        List<String> rest = new ArrayList<>(arguments);
        boolean stopAtFailure = rest.remove("-e");
        if (rest.size() == 1 && List.of("-h", "--help").contains(rest.get(0))) {
            out.println(USAGE);
            return 0;
        }
        RuntimeStart start = new RuntimeStart(context, RUNTIME_START);
        if (rest.isEmpty() && System.console() != null && !stopAtFailure) {
            return new InteractiveConsole(processor, this::warnings, this::stopSoftphone, start).run();
        }
        if (rest.isEmpty()) {
            // Whoever writes to standard input may use the remote API before the first line.
            start.startRest();
            return batch(out, System.in, stopAtFailure, start);
        }
        if (rest.size() == 2 && rest.get(0).equals("-c")) {
            return batch(out, List.of(rest.get(1)), stopAtFailure, start);
        }
        if (rest.size() == 1 && !rest.get(0).startsWith("-")) {
            Path script = Path.of(rest.get(0));
            if (Files.isReadable(script)) {
                return batch(out, Files.readAllLines(script, StandardCharsets.UTF_8), stopAtFailure, start);
            }
            out.println("vtgoconnect: cannot read the script file " + script.toAbsolutePath() + ".");
            return 2;
        }
        out.println("vtgoconnect: " + wrongArguments(rest));
        out.println(USAGE);
        return 2;
    }

    /** What is wrong with the arguments, naming the option or argument at fault. */
    private static String wrongArguments(List<String> rest) {
        for (String argument : rest) {
            if (argument.startsWith("-") && !argument.equals("-c")) {
                return "unknown option " + argument + ".";
            }
        }
        if (rest.get(0).equals("-c") && rest.size() == 1) {
            return "-c needs the commands, as -c \"cmd; cmd\".";
        }
        return "unexpected argument " + rest.get(rest.size() - 1) + ".";
    }

    /** Runs each line as it is read, so that whoever writes them can read the answers in between. */
    private int batch(PrintStream out, InputStream in, boolean stopAtFailure, RuntimeStart start) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                CommandSession session = batchSession(out)) {
            CommandRunner runner = new CommandRunner(session, out, stopAtFailure, start::beforeStatement);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!runLine(runner, line)) {
                    break;
                }
            }
            stopSoftphone(session);
            return runner.failed() ? 1 : 0;
        }
    }

    private int batch(PrintStream out, List<String> lines, boolean stopAtFailure, RuntimeStart start) {
        try (CommandSession session = batchSession(out)) {
            CommandRunner runner = new CommandRunner(session, out, stopAtFailure, start::beforeStatement);
            for (String line : lines) {
                if (!runLine(runner, line)) {
                    break;
                }
            }
            stopSoftphone(session);
            return runner.failed() ? 1 : 0;
        }
    }

    /** Prints the log's warnings while the console runs, if a Log Service runs. */
    private WarningLines warnings(Consumer<String> print) {
        return new WarningLines(Optional.ofNullable(logs), print);
    }

    private CommandSession batchSession(PrintStream out) {
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        session.put("SCOPE", ShellSession.SCOPE + ":*");
        return session;
    }

    /**
     * Stops the softphones still running when the run ends, and waits for their {@code Disconnected
     * from softphone} to print: after the session closed, the framework would stop them unseen.
     */
    void stopSoftphone(CommandSession session) {
        Commands registry = commands;
        if (registry == null) {
            return;
        }
        int stopped = 0;
        for (Phone phone : registry.phones()) {
            try {
                phone.control().exitProgram();
                stopped++;
            } catch (CommandException notRunning) {
                // nothing to stop
            }
        }
        for (int i = 0; i < stopped; i++) {
            try {
                session.execute("waitfor \"Disconnected from softphone\" " + LAST_EVENT_SECONDS);
            } catch (Exception e) {
                // The wait printed its timeout; the run ends all the same.
                return;
            }
        }
    }

    /** Runs a line unless it is a comment. @return whether the batch goes on */
    private static boolean runLine(CommandRunner runner, String line) {
        return line.strip().startsWith("#") || runner.run(line);
    }
}
