package io.vtgoconnect.runtime;

import static io.vtgoconnect.runtime.Terminal.lastLine;
import static io.vtgoconnect.runtime.Terminal.showsLine;

import io.vtgoconnect.testing.peers.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call-server bundle stopped and started under a registered phone, as a user does it with Gogo:
 * the phone notices at its next keep-alive that the server is gone, registers again once it is back,
 * and rings again, whether or not the server kept its registrations.
 */
class CallServerRestartIT {
    /** The call server's line in {@code lb -s}: its bundle id first. */
    private static final Pattern BUNDLE = Pattern.compile("(?m)^\\s*(\\d+)\\|.*\\|io\\.vtgoconnect\\.callmanager\\b");
    @TempDir
    Path home;
    private Terminal terminal;

    @AfterEach
    void closeTerminal() throws Exception {
        terminal.close();
    }

    /** The last line on the screen that says the phone connected to or disconnected from its call server. */
    private static String lastCallManagerEvent(String screen) {
        return screen.lines().filter(line -> line.startsWith("Event : Connected to CallManager")
                || line.startsWith("Event : Disconnected from CallManager")).reduce((first, second) -> second).orElse("");
    }

    @Test
    void aPhoneRegisteredWhenTheCallServerRestartsRegistersAgainAndRings() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(home).withServerDirectory();
        // The phone's own line 2001 of the embedded server's directory (its password there), kept alive every 2 s.
        Path password = Files.writeString(etc.folder.resolve("2001.password"), "vtgo-2001\n");
        etc.write("io.vtgoconnect.transport.sip.phone.cfg", "sip.port=" + FreePorts.udpAndTcp());
        etc.write("io.vtgoconnect.transport.sip.line-2001.cfg", "number=2001", "registrar=127.0.0.1:" + etc.sipPort,
                "password.file=" + password, "keepalive.interval=2");
        terminal = new Terminal(home);
        String console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
        terminal.enter(console, "runprogram");
        terminal.awaitScreen(console, "the line registered", screen -> showsLine(screen, "Event : Connected to CallManager"));

        terminal.enter(console, "lb -s io.vtgoconnect.callmanager");
        String listed = terminal.awaitScreen(console, "the call server's bundle", screen -> BUNDLE.matcher(screen).find());
        Matcher bundle = BUNDLE.matcher(listed);
        bundle.find();
        String id = bundle.group(1);
        terminal.enter(console, "felix:stop " + id);
        terminal.awaitScreen(console, "the loss noticed", screen -> lastCallManagerEvent(screen).startsWith("Event : Disconnected"));
        terminal.enter(console, "felix:start " + id);
        terminal.awaitScreen(console, "the line registered again",
                screen -> lastCallManagerEvent(screen).startsWith("Event : Connected"));
        terminal.enter(console, "cm:call 2004 2001");

        terminal.awaitScreen(console, "the phone ringing", screen -> screen.contains("IncomingCall")
                && screen.contains("Line=2001, CallerID=2004"));
    }
}
