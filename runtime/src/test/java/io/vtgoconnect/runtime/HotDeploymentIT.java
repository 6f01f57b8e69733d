package io.vtgoconnect.runtime;

import static io.vtgoconnect.runtime.Terminal.lastLine;
import static io.vtgoconnect.runtime.Terminal.showsLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.client.VtgoClient;
import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles and configuration changed while the runtime runs, as a user changes them in a
 * terminal: a bundle uninstalled with Gogo, dropped into runtime/deploy and taken out again with a
 * call in progress; the HTTP service stopped and started with Gogo, the remote API's bundle started
 * again in between; a line's file in the configuration folder corrected; a plug-in left in the
 * deploy folder before the start, whose commands the first statement of a batch run finds.
 */
class HotDeploymentIT {
    /** The folder the runtime watches: the real one, so the test removes what it puts there. */
    private static final Path DEPLOY = Vtgoconnect.HOME.resolve("deploy");
    private static final String NOT_A_COMMAND = "Error : ERROR_INVALID_COMMAND(3) - \"emlogin\" is not a command";
    private static final String EM_USAGE = "EMLogin userID password";

    @TempDir
    Path home;
    private Terminal terminal;
    private Path dropped;

    @BeforeEach
    void openTerminal() throws Exception {
        terminal = new Terminal(home);
    }

    @AfterEach
    void cleanUp() throws Exception {
        terminal.close();
        if (dropped != null) {
            Files.deleteIfExists(dropped);
        }
    }

    @Test
    void extensionMobilityLeavesComesBackFromDeployAndGoesAgainWhileACallGoesOn() throws Exception {
        RuntimeEtc.in(home).withDefaults();
        Path emJar = emJar();
        dropped = DEPLOY.resolve(emJar.getFileName());
        assertFalse(Files.exists(dropped), dropped + " is there already: the test would take a jar of the user's");
        String console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
        run(console, "runprogram");
        terminal.awaitScreen(console, "the phone registered", screen -> showsLine(screen, "Event : Connected to CallManager"));
        run(console, "makecall 2004");
        terminal.awaitScreen(console, "the call connected", screen -> screen.contains("State=5(TsConnected)"));

        String bundles = run(console, "felix:lb");
        run(console, "felix:uninstall " + bundleId(bundles, "|VTGOConnect Extension Mobility"));
        String refused = run(console, "emlogin jsmith 123456");
        assertTrue(refused.startsWith(NOT_A_COMMAND), refused);
        String help = run(console, "help");
        assertTrue(lists(help, "MakeCall") && !lists(help, "EMLogin") && !lists(help, "EMLogout"), help);

        Files.copy(emJar, dropped);
        long copied = System.nanoTime();
        awaitAnswer(console, "help emlogin", answer -> answer.startsWith(EM_USAGE));
        long seconds = (System.nanoTime() - copied) / 1_000_000_000L;
        assertTrue(seconds < 5, "EMLogin came back " + seconds + " s after the jar was dropped (FileInstall polls each second)");
        help = run(console, "help");
        assertTrue(lists(help, "EMLogin") && lists(help, "EMLogout"), help);

        Files.delete(dropped);
        awaitAnswer(console, "help emlogin", answer -> answer.startsWith(NOT_A_COMMAND));
        refused = run(console, "emlogin jsmith 123456");
        assertTrue(refused.startsWith(NOT_A_COMMAND), refused);

        // The call went on through all of it.
        String statistics = run(console, "callstats");
        assertTrue(statistics.lines().anyMatch(line -> line.startsWith("Event : CallStatsUpdate, CallRef=")), statistics);
        String all = history(console);
        assertFalse(all.contains("PartyHangup"), all);
        run(console, "endcall");
        terminal.awaitScreen(console, "the call ended", screen -> showsLine(screen, "Event : PartyHangup"));
        terminal.press(console, "C-d");
        assertEquals(0, terminal.awaitExitCode(console));
    }

    /**
     * The HTTP service gone, and the remote API's bundle started again without it: the bundle offers
     * its context and holds its endpoint back until an HTTP runtime serves that context (Pax Web's
     * whiteboard registers an endpoint offered earlier a second time as its HTTP service arrives, and
     * stops the context), and the API answers once the HTTP service is back.
     */
    @Test
    void theRemoteApiWaitsForTheHttpServiceAndAnswersOnceItIsBack() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(home).withDefaults().withApiUser();
        String console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
        Terminal.await("the remote API answering", () -> apiAnswer(etc), "logged in"::equals);

        String bundles = run(console, "felix:lb");
        String http = bundleId(bundles, "|OPS4J Pax Web - Runtime ");
        String remote = bundleId(bundles, "|VTGOConnect remote API ");
        run(console, "felix:stop " + http);
        run(console, "felix:stop " + remote);
        run(console, "felix:start " + remote);
        String offered = run(console, "felix:inspect capability service " + remote);
        assertTrue(offered.contains("osgi.http.whiteboard.context.path = /vtgo")
                && !offered.contains("org.ops4j.pax.web.http.whiteboard.websocket"), offered);
        assertTrue(apiAnswer(etc).startsWith("no answer: "), "the API answers without an HTTP service");

        run(console, "felix:start " + http);
        Terminal.await("the remote API answering again", () -> apiAnswer(etc), "logged in"::equals);
        offered = run(console, "felix:inspect capability service " + remote);
        assertTrue(offered.contains("org.ops4j.pax.web.http.whiteboard.websocket"), offered);
        terminal.press(console, "C-d");
        assertEquals(0, terminal.awaitExitCode(console));
    }

    /** "logged in" when a client of the remote API connects and logs in, or what stopped it. */
    private static String apiAnswer(RuntimeEtc etc) {
        try (VtgoClient client = VtgoClient.connect(etc.api(), Duration.ofSeconds(5))) {
            client.login(RuntimeEtc.API_USER, RuntimeEtc.API_PASSWORD);
            return "logged in";
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }

    /** The id of the bundle whose line in felix:lb holds the text. */
    private static String bundleId(String bundles, String text) {
        String line = bundles.lines().filter(candidate -> candidate.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("No bundle with " + text + " in felix:lb:\n" + bundles));
        return line.substring(0, line.indexOf('|')).strip();
    }

    @Test
    void aLineWhosePasswordIsCorrectedInItsFileRegistersWithoutARestart() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(home).withDefaults();
        // The phone's own line file, in place of the lines the call server would provision.
        Path phone = etc.folder.resolve("io.vtgoconnect.transport.sip.phone.cfg");
        Files.write(phone, Files.readAllLines(phone).stream().filter(line -> !line.startsWith("provisioning.url=")).toList());
        String lineFile = "io.vtgoconnect.transport.sip.line-2001.cfg";
        Path wrong = Files.writeString(etc.folder.resolve("wrong.password"), "not-the-password\n");
        etc.write(lineFile, "number=2001", "registrar=127.0.0.1:" + etc.sipPort, "password.file=" + wrong);
        String console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
        run(console, "runprogram");
        String refused = terminal.awaitScreen(console, "the registration refused, and why",
                screen -> showsLine(screen, "Reason : line 2001: registration refused: 401"));
        assertTrue(showsLine(refused, "Event : Disconnected from CallManager"), refused);

        Path right = Files.writeString(etc.folder.resolve("2001.password"), "vtgo-2001\n");
        etc.write(lineFile, "number=2001", "registrar=127.0.0.1:" + etc.sipPort, "password.file=" + right);
        terminal.awaitScreen(console, "the line registered", screen -> showsLine(screen, "Event : Connected to CallManager"));
        run(console, "makecall 2004");
        terminal.awaitScreen(console, "the call connected", screen -> screen.contains("State=5(TsConnected)"));
        String all = history(console);
        assertFalse(all.contains("not-the-password") || all.contains("vtgo-2001"), all);
        run(console, "exitprogram");
        terminal.press(console, "C-d");
        assertEquals(0, terminal.awaitExitCode(console));
    }

    @Test
    void aPluginLeftInDeployIsInTheFirstListOfABatchRun() throws Exception {
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        RuntimeEtc.in(home).withDefaults().withDeployFolder(deploy);
        greeterPlugin(home.resolve("greeter-source"), deploy.resolve("greeter.jar"));

        Result result = Vtgoconnect.run(home, "", "-c", "help");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.errors(), result::toString);
        assertTrue(result.lines().contains("Commands of scope greeter (typed with their scope):"), result::toString);
        assertTrue(result.lines().stream().anyMatch(line -> line.strip().startsWith("greeter:hello")), result::toString);
    }

    /**
     * A plug-in of a user's, as small as one can be: a DS component whose service is the Gogo command
     * {@code greeter:hello}, compiled here with the JDK's compiler (it needs no OSGi class).
     */
    private static void greeterPlugin(Path sources, Path jarFile) throws Exception {
        Path source = Files.createDirectories(sources.resolve("greeter")).resolve("Greeter.java");
        Files.writeString(source, "package greeter;\npublic class Greeter {\n"
                + "    public String hello() {\n        return \"Hello\";\n    }\n}\n");
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", source.toString());
        assertEquals(0, compiled, "the plug-in did not compile");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "greeter");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Service-Component", "OSGI-INF/greeter.xml");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile), manifest)) {
            jar.putNextEntry(new JarEntry("greeter/Greeter.class"));
            jar.write(Files.readAllBytes(source.resolveSibling("Greeter.class")));
            jar.putNextEntry(new JarEntry("OSGI-INF/greeter.xml"));
            jar.write(("""
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="greeter" immediate="true">
                      <implementation class="greeter.Greeter"/>
                      <service><provide interface="java.lang.Object"/></service>
                      <property name="osgi.command.scope" value="greeter"/>
                      <property name="osgi.command.function" value="hello"/>
                    </scr:component>
                    """).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The em bundle this build made. */
    private static Path emJar() throws Exception {
        try (Stream<Path> jars = Files.list(Vtgoconnect.HOME.resolveSibling("bundles/em/target"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("io\\.vtgoconnect\\.em-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("No em bundle built in bundles/em/target"));
        }
    }

    /**
     * Types the command line, waits for the prompt that follows its answer, and returns what was
     * printed in between.
     */
    private String run(String console, String commandLine) throws Exception {
        String typed = "> " + commandLine;
        long before = history(console).lines().filter(line -> line.stripTrailing().equals(typed)).count();
        terminal.enter(console, commandLine);
        String history = Terminal.await("the answer to " + commandLine, () -> history(console), shown -> lastLine(shown).equals(">")
                && shown.lines().filter(line -> line.stripTrailing().equals(typed)).count() > before);
        List<String> lines = history.lines().map(String::stripTrailing).toList();
        int start = lines.lastIndexOf(typed) + 1;
        int end = lines.lastIndexOf(">");
        return String.join("\n", lines.subList(start, end)).strip();
    }

    /** Asks again and again, as a user would, until the answer is the one awaited. */
    private void awaitAnswer(String console, String commandLine, Predicate<String> awaited) throws Exception {
        Terminal.await(commandLine + " answering as awaited", () -> run(console, commandLine), awaited);
    }

    private String history(String console) throws Exception {
        return terminal.history(console);
    }

    /** Whether the output of help has a line for the command: its usage, then its summary. */
    private static boolean lists(String help, String command) {
        return help.lines().anyMatch(line -> line.strip().startsWith(command + " "));
    }
}
