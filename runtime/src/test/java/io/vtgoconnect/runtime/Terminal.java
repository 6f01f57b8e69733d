package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A terminal for consoles: a tmux server of the test's own, where each console runs in a 200x50
 * pane, driven with keys and read from the screen, as a user types and reads. Closing ends the
 * server and what runs in it.
 */
final class Terminal implements AutoCloseable {
    /** How often the screen is looked at while waiting for it to show something. */
    private static final long POLL_MILLIS = 50;
    private static final String EXIT_CODE = "exit code ";

    private final Path home;
    private final Path config;
    private int consoles;

    /** @param home the user's home and the consoles' working folder, where the server's socket lives too */
    Terminal(Path home) throws IOException {
        this.home = home;
        // A pane stays when its shell ends, so that the console's last words and exit code can be read.
        this.config = Files.writeString(home.resolve("tmux.conf"), "set -g remain-on-exit on\n");
    }

    /**
     * Starts {@code ./vtgoconnect} in a new pane, in the home folder, and returns the pane's name. A
     * shell around it prints its exit code, as {@code echo $?} shows it to a user; its no-op trap
     * keeps it alive through a Ctrl-C typed to the console (which gets the default handling back,
     * as a trapped signal is reset in the commands a shell starts).
     */
    String startConsole() throws Exception {
        String name = "console" + ++consoles;
        List<String> arguments = new ArrayList<>(List.of(
                "new-session", "-d", "-x", "200", "-y", "50", "-s", name, "-c", home.toString(),
                "sh", "-c", "trap : INT; \"$@\"; echo \"" + EXIT_CODE + "$?\"", "sh"));
        arguments.addAll(Vtgoconnect.command(home));
        tmux(arguments.toArray(String[]::new));
        return name;
    }

    /** Types text as it is, with no key names in it. */
    void type(String console, String text) throws Exception {
        tmux("send-keys", "-t", console, "-l", text);
    }

    /** Presses a key named as tmux names it: Enter, Tab, Up, C-c, C-d. */
    void press(String console, String key) throws Exception {
        tmux("send-keys", "-t", console, key);
    }

    /** Types a command line and presses Enter. */
    void enter(String console, String commandLine) throws Exception {
        type(console, commandLine);
        press(console, "Enter");
    }

    String awaitScreen(String console, String what, Predicate<String> shown) throws Exception {
        return await(what, () -> capture(console), shown);
    }

    /** What the pane shows now. */
    String capture(String console) throws Exception {
        return tmux("capture-pane", "-p", "-t", console);
    }

    /** Everything the pane printed, the lines scrolled off its top included. */
    String history(String console) throws Exception {
        return tmux("capture-pane", "-p", "-S", "-", "-t", console);
    }

    int awaitExitCode(String console) throws Exception {
        String screen = await("the console to exit", () -> capture(console), shown -> showsLine(shown, EXIT_CODE));
        return screen.lines().filter(line -> line.startsWith(EXIT_CODE))
                .mapToInt(line -> Integer.parseInt(line.substring(EXIT_CODE.length()).strip())).findFirst().orElseThrow();
    }

    /** Looks again and again until {@code done}, or fails with the last look after the timeout. */
    static String await(String what, Callable<String> look, Predicate<String> done) throws Exception {
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
    static String lastLine(String screen) {
        return screen.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("").stripTrailing();
    }

    static boolean showsLine(String screen, String beginning) {
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

    /** Ends the server; when the test failed before starting a console there is none, and nothing to check. */
    @Override
    public void close() throws Exception {
        tmuxCommand("kill-server").start().waitFor(Vtgoconnect.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
