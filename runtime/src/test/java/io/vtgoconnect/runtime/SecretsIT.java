package io.vtgoconnect.runtime;

import static io.vtgoconnect.runtime.Terminal.lastLine;
import static io.vtgoconnect.runtime.Terminal.showsLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.directory.Secret;
import io.vtgoconnect.sipstack.DigestAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default runtime keeps every secret it is configured with to itself: the lines' passwords (it
 * knows their HA1s only), the device's password, the PIN and an agent's password show in no listing
 * (scr:, cm:, felix:, help), no log line, no console history and no file the runtime writes under
 * runtime/ or the user's home, while the phone registers, Extension Mobility and IPCC log in; and
 * the device configuration, which carries the lines' HA1s, is served to the device alone.
 */
class SecretsIT {
    private static final String DEVICE = "SEP001122334455";
    private static final String DEVICE_PASSWORD = "vtgo-SEP001122334455";
    private static final List<String> LINE_PASSWORDS = List.of("vtgo-2001", "vtgo-2002", "vtgo-2301");
    /** Not the manual's 123456, which the help of EMLogin prints as its example. */
    private static final String PIN = "482913";
    private static final String AGENT_PASSWORD = "Agent22-Secret";
    /** What a listing prints last, so that the next one begins after it. */
    private static final String DONE = "Events are printed as text.";
    /** A component of {@code scr:list}: its name first. */
    private static final Pattern COMPONENT = Pattern.compile("^(io\\.vtgoconnect\\.\\S+) in bundle ");

    @TempDir
    Path home;

    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>(LINE_PASSWORDS);
        secrets.addAll(List.of(DEVICE_PASSWORD, PIN, AGENT_PASSWORD));
        return secrets;
    }

    @Test
    void noSecretShowsInAListingALogTheHistoryOrAWrittenFile() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(home).withDefaults();
        etc.write("io.vtgoconnect.callmanager.user-jsmith.config", "id=\"jsmith\"", ".pin=\"" + Secret.hash(PIN) + "\"",
                "profile.lines=[\"2002\"]");
        etc.write("io.vtgoconnect.callmanager.agent-agent22.cfg", "id=agent22", ".password=" + Secret.hash(AGENT_PASSWORD));
        // A second earlier: file times may be kept in whole seconds.
        FileTime started = FileTime.from(Instant.now().minusSeconds(1));
        List<String> printed;
        try (PipedConsole console = new PipedConsole(home)) {
            console.send("runprogram");
            console.awaitLine("Event : Connected to CallManager");
            console.send("emlogin jsmith " + PIN);
            console.await("the user's line", line -> line.contains("Line=1(2002)"));
            console.awaitLine("Event : Connected to CallManager");
            console.send("ipcclogin agent22 " + AGENT_PASSWORD + " 2002");
            console.awaitLine("Event : IPCC agent state 3");

            theDeviceConfigurationGoesToTheDeviceOnly(etc.httpPort);

            List<String> components = listing(console, "scr:list").stream().map(COMPONENT::matcher).filter(Matcher::find)
                    .map(match -> match.group(1)).distinct().toList();
            assertTrue(components.contains("io.vtgoconnect.callmanager.internal.directory.DirectoryLine")
                    && components.contains("io.vtgoconnect.transport.sip.internal.DefaultPhone"), components::toString);
            for (String component : components) {
                listing(console, "scr:info " + component);
            }
            List<String> configurations = listing(console, "cm:listConfigurations \"(service.pid=*)\"").stream()
                    .filter(line -> line.startsWith("Configuration PID="))
                    .map(line -> line.substring("Configuration PID=".length(), line.indexOf(','))).toList();
            assertTrue(configurations.contains("io.vtgoconnect.callmanager.line~2001"), configurations::toString);
            for (String configuration : configurations) {
                listing(console, "cm:getConfiguration " + configuration);
            }
            for (String command : List.of("cm:status", "cm:endpoints", "lb", "headers io.vtgoconnect.callmanager", "help",
                    "help emlogin", "help cm:status", "emlogout", "ipcclogout 1")) {
                listing(console, command);
            }
            // Files written while it runs: the framework's storage with ConfigAdmin's, the registrations, the log.
            noSecretIn(writtenSince(started), "while it runs");
            console.awaitExit();
            printed = console.printed();
        }
        String output = String.join("\n", printed);
        assertTrue(output.contains("jsmith is logged in to " + DEVICE) && output.contains("IPCC agent state 3 (Not Ready)")
                && output.contains("Registrations:") && output.contains(".ha1.sha256"), output);
        for (String secret : secrets()) {
            assertFalse(output.contains(secret), "a listing shows " + secret + ":\n" + output);
        }
        noSecretIn(writtenSince(started), "after it ended");
        noSecretInTheHistory();
    }

    /** Runs a command and reads its output to its end. @return the lines it printed */
    private static List<String> listing(PipedConsole console, String command) throws Exception {
        int before = console.printed().size();
        console.send(command);
        console.send("events");
        console.await(DONE, line -> line.equals(DONE));
        List<String> printed = console.printed();
        return printed.subList(before, printed.size() - 1);
    }

    private static void theDeviceConfigurationGoesToTheDeviceOnly(int httpPort) throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/" + DEVICE + ".cnf.xml");
        HttpResponse<String> anyone = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anyone.statusCode(), anyone.body());
        String credential = Base64.getEncoder().encodeToString((DEVICE + ":" + DEVICE_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> device = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + credential)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, device.statusCode());
        // Logged in: jsmith's line 2002, as its HA1s for the realm.
        assertTrue(device.body().contains("authHa1Sha256=\"" + DigestAlgorithm.SHA_256.ha1("2002", "vtgoconnect", "vtgo-2002")
                + "\""), device.body());
        for (String secret : secrets()) {
            assertFalse(anyone.body().contains(secret) || device.body().contains(secret), device.body());
        }
    }

    /**
     * The files written since the run began, under runtime/ (the log, the framework's storage, the
     * registrations) and in the user's home (the history; not the test's configuration in etc/).
     */
    private List<Path> writtenSince(FileTime started) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Path root : List.of(Vtgoconnect.HOME, home)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> !file.startsWith(Vtgoconnect.HOME.resolve("target"))
                        && !file.startsWith(Vtgoconnect.HOME.resolve("src")) && !file.startsWith(home.resolve("etc")))
                        .filter(Files::isRegularFile).filter(file -> modifiedSince(file, started)).forEach(written::add);
            }
        }
        assertTrue(written.stream().anyMatch(file -> file.getFileName().toString().equals("vtgoconnect.log")), written::toString);
        return written;
    }

    private static boolean modifiedSince(Path file, FileTime started) {
        try {
            return Files.getLastModifiedTime(file).compareTo(started) >= 0;
        } catch (IOException gone) {
            // The framework removes its files as it stops: one gone now holds nothing.
            return false;
        }
    }

    private static void noSecretIn(List<Path> files, String when) throws IOException {
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            }
            for (String secret : secrets()) {
                assertFalse(text.contains(secret), file + ", written by the runtime, holds a secret " + when);
            }
        }
    }

    /** The console's history, after logins typed at the prompt. */
    private void noSecretInTheHistory() throws Exception {
        try (Terminal terminal = new Terminal(home)) {
            String console = terminal.startConsole();
            terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
            terminal.enter(console, "runprogram");
            terminal.awaitScreen(console, "the phone registered", screen -> showsLine(screen, "Event : Connected to CallManager"));
            terminal.enter(console, "emlogin jsmith " + PIN);
            terminal.awaitScreen(console, "the login", screen -> showsLine(screen, "jsmith is logged in"));
            terminal.enter(console, "ipcclogin agent22 " + AGENT_PASSWORD + " 2002");
            terminal.awaitScreen(console, "the agent", screen -> showsLine(screen, "Event : IPCC agent state 3"));
            terminal.enter(console, "exit");
            assertEquals(0, terminal.awaitExitCode(console));
        }
        String history = Files.readString(home.resolve(".vtgoconnect_history"));
        assertTrue(history.contains("runprogram"), history);
        for (String secret : secrets()) {
            assertFalse(history.contains(secret), "the history holds " + secret + ": " + history);
        }
    }
}
