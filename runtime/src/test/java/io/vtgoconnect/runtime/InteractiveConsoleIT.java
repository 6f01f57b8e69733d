package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real terminal: each console runs in a pane of a tmux server of the test's own,
 * driven with keys and read from the screen, as a user types and reads.
 */
class InteractiveConsoleIT {
    /** How often the screen is looked at while waiting for it to show something. */
    private static final long POLL_MILLIS = 50;
    private static final String EXIT_CODE = "exit code ";
    private static final String KEEP_ALIVE = "Event : ConnectionKeepAlive";

    @TempDir
    Path home;
    private Path config;
    private int consoles;

    @BeforeEach
    void configureTmux() throws Exception {
        // A pane stays when its shell ends, so that the console's last words and exit code can be read.
        config = Files.writeString(home.resolve("tmux.conf"), "set -g remain-on-exit on\n");
    }

    @AfterEach
    void stopTmux() throws Exception {
        // No server is running when the test failed before starting a console: nothing to check.
        tmuxCommand("kill-server").start().waitFor(Vtgoconnect.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void promptHelpCompletionAndCtrlD() throws Exception {
        String console = startConsole();
        awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));

        type(console, "help");
        press(console, "Enter");
        awaitScreen(console, "help's list and a new prompt",
                screen -> lastLine(screen).equals(">") && showsLine(screen, "  MakeCall destination"));

        type(console, "makec");
        press(console, "Tab");
        awaitScreen(console, "makec completed", screen -> lastLine(screen).equals("> makecall"));

        press(console, "Enter");
        awaitScreen(console, "the answer to makecall",
                screen -> lastLine(screen).equals(">") && showsLine(screen, "Error : ERROR_NO_DESTINATION(4) - "));

        press(console, "C-d");
        assertEquals(0, awaitExitCode(console));
    }

    @Test
    void upArrowRecallsCommandsOfThisSessionAndOfTheLastOne() throws Exception {
        String first = startConsole();
        awaitScreen(first, "the prompt", screen -> lastLine(screen).equals(">"));
        type(first, "help");
        press(first, "Enter");
        awaitScreen(first, "help's list and a new prompt", screen -> lastLine(screen).equals(">"));
        type(first, "makecall 2004");
        press(first, "Enter");
        awaitScreen(first, "the answer to makecall",
                screen -> lastLine(screen).equals(">") && showsLine(screen, "Error : ERROR_PHONE_NOT_RUNNING(2) - "));
        // A login's password is kept out of the history: the line is not recalled, nor saved.
        type(first, "emlogin jsmith 123456");
        press(first, "Enter");
        awaitScreen(first, "the answer to emlogin", screen -> lastLine(screen).equals(">") && showsLine(screen, "Error : "));

        press(first, "Up");
        awaitScreen(first, "the last command recalled", screen -> lastLine(screen).equals("> makecall 2004"));
        press(first, "Up");
        awaitScreen(first, "the command before recalled", screen -> lastLine(screen).equals("> help"));
        press(first, "C-c");
        awaitScreen(first, "the recalled line dropped", screen -> lastLine(screen).equals(">"));
        press(first, "C-d");
        assertEquals(0, awaitExitCode(first));

        String second = startConsole();
        awaitScreen(second, "the prompt", screen -> lastLine(screen).equals(">"));
        press(second, "Up");
        awaitScreen(second, "the last session's last command recalled",
                screen -> lastLine(screen).equals("> makecall 2004"));
        String history = Files.readString(home.resolve(".vtgoconnect_history"));
        assertTrue(history.contains("makecall 2004"), "the history is kept in ~/.vtgoconnect_history");
        assertFalse(history.contains("123456"), "no password in the history: " + history);
    }

    @Test
    void eventsPrintAboveTheLineBeingTyped() throws Exception {
        // Its keep-alives are events that arrive while a line is being typed.
        try (CallServer server = new CallServer(home)) {
            String console = startConsole();
            awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
            type(console, "runprogram");
            press(console, "Enter");
            awaitScreen(console, "the phone registered", screen -> showsLine(screen, "Event : Connected to CallManager"));

            type(console, "makec");
            long before = keepAlives(awaitScreen(console, "makec typed", screen -> lastLine(screen).equals("> makec")));
            String screen = awaitScreen(console, "a keep-alive while makec is typed", shown -> keepAlives(shown) > before);
            List<String> lines = screen.lines().filter(line -> !line.isBlank()).map(String::stripTrailing).toList();
            assertEquals(List.of(KEEP_ALIVE, "> makec"), lines.subList(lines.size() - 2, lines.size()), screen);

            press(console, "Tab");
            awaitScreen(console, "makec completed", shown -> lastLine(shown).equals("> makecall"));
            press(console, "C-u");
            type(console, "exitprogram");
            press(console, "Enter");
            awaitScreen(console, "the phone stopped",
                    shown -> lastLine(shown).equals(">") && showsLine(shown, "Event : Disconnected from softphone"));
            press(console, "C-d");
            assertEquals(0, awaitExitCode(console));
        }
    }

    /**
     * Starts the console in a new 200x50 pane, in {@link #home}, and returns the pane's name. A shell
     * around it prints its exit code, as {@code echo $?} shows it to a user; its no-op trap keeps it
     * alive through a Ctrl-C typed to the console (which gets the default handling back, as a
     * trapped signal is reset in the commands a shell starts).
     */
    private String startConsole() throws Exception {
        String name = "console" + ++consoles;
        List<String> arguments = new ArrayList<>(List.of(
                "new-session", "-d", "-x", "200", "-y", "50", "-s", name, "-c", home.toString(),
                "sh", "-c", "trap : INT; \"$@\"; echo \"" + EXIT_CODE + "$?\"", "sh"));
        arguments.addAll(Vtgoconnect.command(home));
        tmux(arguments.toArray(String[]::new));
        return name;
    }

    /** Types text as it is, with no key names in it. */
    private void type(String console, String text) throws Exception {
        tmux("send-keys", "-t", console, "-l", text);
    }

    /** Presses a key named as tmux names it: Enter, Tab, Up, C-c, C-d. */
    private void press(String console, String key) throws Exception {
        tmux("send-keys", "-t", console, key);
    }

    private String awaitScreen(String console, String what, Predicate<String> shown) throws Exception {
        return await(what, () -> capture(console), shown);
    }

    private String capture(String console) throws Exception {
        return tmux("capture-pane", "-p", "-t", console);
    }

    private int awaitExitCode(String console) throws Exception {
        String screen = await("the console to exit", () -> capture(console), shown -> showsLine(shown, EXIT_CODE));
        return screen.lines().filter(line -> line.startsWith(EXIT_CODE))
                .mapToInt(line -> Integer.parseInt(line.substring(EXIT_CODE.length()).strip())).findFirst().orElseThrow();
    }

    /** Looks again and again until {@code done}, or fails with the last look after the timeout. */
    private static String await(String what, Callable<String> look, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Vtgoconnect.TIMEOUT.toNanos();
        while (true) {
            String seen = look.call();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                fail("Waited " + Vtgoconnect.TIMEOUT + " for " + what + "; last seen:\n" + seen);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The last line with text: where the prompt and the line being typed are. */
    private static String lastLine(String screen) {
        return screen.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("").stripTrailing();
    }

    private static long keepAlives(String screen) {
        return screen.lines().filter(line -> line.stripTrailing().equals(KEEP_ALIVE)).count();
    }

    private static boolean showsLine(String screen, String beginning) {
        return screen.lines().anyMatch(line -> line.startsWith(beginning));
    }

    private String tmux(String... arguments) throws Exception {
        Process process = tmuxCommand(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(Vtgoconnect.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "tmux hangs");
        assertEquals(0, process.exitValue(), () -> "tmux " + String.join(" ", arguments) + ": " + output);
        return output;
    }

    private ProcessBuilder tmuxCommand(String... arguments) {
        // A server of the test's own, whose socket goes away with the test's folder.
        List<String> command = new ArrayList<>(List.of(
                "tmux", "-S", home.resolve("tmux.socket").toString(), "-f", config.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }
}
