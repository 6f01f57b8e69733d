package io.vtgoconnect.runtime;

import static io.vtgoconnect.runtime.Terminal.lastLine;
import static io.vtgoconnect.runtime.Terminal.showsLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real terminal: each console runs in a pane of a tmux server of the test's own,
 * driven with keys and read from the screen, as a user types and reads.
 */
class InteractiveConsoleIT {
    private static final String KEEP_ALIVE = "Event : ConnectionKeepAlive";

    @TempDir
    Path home;
    private Terminal terminal;

    @BeforeEach
    void openTerminal() throws Exception {
        terminal = new Terminal(home);
    }

    @AfterEach
    void closeTerminal() throws Exception {
        terminal.close();
    }

    @Test
    void promptHelpCompletionAndCtrlD() throws Exception {
        String console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));

        terminal.type(console, "help");
        terminal.press(console, "Enter");
        // The list is longer than the pane: its end shows, its beginning scrolled up.
        terminal.awaitScreen(console, "help's list and a new prompt",
                screen -> lastLine(screen).equals(">") && showsLine(screen, "Commands of scope scr"));
        assertTrue(showsLine(terminal.history(console), "  MakeCall destination"), terminal.history(console));

        terminal.type(console, "makec");
        terminal.press(console, "Tab");
        terminal.awaitScreen(console, "makec completed", screen -> lastLine(screen).equals("> makecall"));

        terminal.press(console, "Enter");
        terminal.awaitScreen(console, "the answer to makecall",
                screen -> lastLine(screen).equals(">") && showsLine(screen, "Error : ERROR_NO_DESTINATION(4) - "));

        terminal.press(console, "C-d");
        assertEquals(0, terminal.awaitExitCode(console));
    }

    @Test
    void upArrowRecallsCommandsOfThisSessionAndOfTheLastOne() throws Exception {
        String first = terminal.startConsole();
        terminal.awaitScreen(first, "the prompt", screen -> lastLine(screen).equals(">"));
        terminal.type(first, "help");
        terminal.press(first, "Enter");
        terminal.awaitScreen(first, "help's list and a new prompt", screen -> lastLine(screen).equals(">"));
        terminal.type(first, "makecall 2004");
        terminal.press(first, "Enter");
        terminal.awaitScreen(first, "the answer to makecall",
                screen -> lastLine(screen).equals(">") && showsLine(screen, "Error : ERROR_PHONE_NOT_RUNNING(2) - "));
        // A login's password is kept out of the history: the line is not recalled, nor saved.
        terminal.type(first, "emlogin jsmith 123456");
        terminal.press(first, "Enter");
        terminal.awaitScreen(first, "the answer to emlogin", screen -> lastLine(screen).equals(">") && showsLine(screen, "Error : "));

        terminal.press(first, "Up");
        terminal.awaitScreen(first, "the last command recalled", screen -> lastLine(screen).equals("> makecall 2004"));
        terminal.press(first, "Up");
        terminal.awaitScreen(first, "the command before recalled", screen -> lastLine(screen).equals("> help"));
        terminal.press(first, "C-c");
        terminal.awaitScreen(first, "the recalled line dropped", screen -> lastLine(screen).equals(">"));
        terminal.press(first, "C-d");
        assertEquals(0, terminal.awaitExitCode(first));

        String second = terminal.startConsole();
        terminal.awaitScreen(second, "the prompt", screen -> lastLine(screen).equals(">"));
        terminal.press(second, "Up");
        terminal.awaitScreen(second, "the last session's last command recalled",
                screen -> lastLine(screen).equals("> makecall 2004"));
        String history = Files.readString(home.resolve(".vtgoconnect_history"));
        assertTrue(history.contains("makecall 2004"), "the history is kept in ~/.vtgoconnect_history");
        assertFalse(history.contains("123456"), "no password in the history: " + history);
    }

    @Test
    void eventsPrintAboveTheLineBeingTyped() throws Exception {
        // Its keep-alives are events that arrive while a line is being typed.
        try (CallServer server = new CallServer(home)) {
            String console = terminal.startConsole();
            terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
            terminal.type(console, "runprogram");
            terminal.press(console, "Enter");
            terminal.awaitScreen(console, "the phone registered", screen -> showsLine(screen, "Event : Connected to CallManager"));

            terminal.type(console, "makec");
            long before = keepAlives(terminal.awaitScreen(console, "makec typed", screen -> lastLine(screen).equals("> makec")));
            String screen = terminal.awaitScreen(console, "a keep-alive while makec is typed", shown -> keepAlives(shown) > before);
            List<String> lines = screen.lines().filter(line -> !line.isBlank()).map(String::stripTrailing).toList();
            assertEquals(List.of(KEEP_ALIVE, "> makec"), lines.subList(lines.size() - 2, lines.size()), screen);

            terminal.press(console, "Tab");
            terminal.awaitScreen(console, "makec completed", shown -> lastLine(shown).equals("> makecall"));
            terminal.press(console, "C-u");
            terminal.type(console, "exitprogram");
            terminal.press(console, "Enter");
            terminal.awaitScreen(console, "the phone stopped",
                    shown -> lastLine(shown).equals(">") && showsLine(shown, "Event : Disconnected from softphone"));
            terminal.press(console, "C-d");
            assertEquals(0, terminal.awaitExitCode(console));
        }
    }

    @Test
    void aWarningOfTheLogPrintsAsOneLineAboveTheLineBeingTyped() throws Exception {
        int sipPort = RuntimeEtc.in(home).sipPort;
        String console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
        terminal.type(console, "makec");
        terminal.awaitScreen(console, "makec typed", screen -> lastLine(screen).equals("> makec"));

        // Garbage to the call server's SIP port, which drops it with a warning: sent again until the server listens.
        String warning = "Warning : SIP ";
        String screen;
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] garbage = "NOT A SIP MESSAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            screen = terminal.awaitScreen(console, "the warning above makec", shown -> {
                if (!showsLine(shown, warning)) {
                    try {
                        peer.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), sipPort));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return showsLine(shown, warning) && lastLine(shown).equals("> makec");
            });
        }
        List<String> lines = screen.lines().filter(line -> !line.isBlank()).map(String::stripTrailing).toList();
        String shown = lines.get(lines.size() - 2);
        assertTrue(shown.startsWith(warning) && shown.contains(" dropped a message from 127.0.0.1 over UDP: it is not a "
                + "well-formed SIP message"), screen);
        String history = terminal.history(console);
        assertFalse(history.contains("\tat ") || history.contains("Exception") || history.contains("NOT A SIP MESSAGE"), history);

        terminal.press(console, "C-u");
        terminal.press(console, "C-d");
        assertEquals(0, terminal.awaitExitCode(console));
    }

    private static long keepAlives(String screen) {
        return screen.lines().filter(line -> line.stripTrailing().equals(KEEP_ALIVE)).count();
    }
}
