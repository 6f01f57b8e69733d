package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime driven by a program through a pipe, command by command, reading the events in
 * between, on the default runtime with two more test endpoints of the call server: 2005 rings
 * until the caller gives up, 2006 is busy. Every call can be ended, whatever became of it.
 */
class ScriptedConsoleIT {
    private static final String LINE_1 = "Event : LineUpdate, Line=1(2001), Button=1, State=";
    private static final String LINE_2 = "Event : LineUpdate, Line=2(2301), Button=2, State=";

    @TempDir
    Path directory;

    @Test
    void aFirstRunEndedByASignalTakesItsRuntimeAlong() throws Exception {
        // With no class-data archive the run makes one as it exits.
        Files.deleteIfExists(Vtgoconnect.ARCHIVE);
        RuntimeEtc.in(directory).withDefaults();
        try (PipedConsole console = new PipedConsole(directory)) {
            console.send("runprogram");
            console.awaitLine("Event : Connected to CallManager");
            List<ProcessHandle> running = console.terminate();

            for (ProcessHandle process : running) {
                try {
                    process.onExit().get(Vtgoconnect.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    fail(process.info().command().orElse("process " + process.pid()) + " outlived the launcher's SIGTERM");
                }
            }
        }
    }

    @Test
    void aProgramDrivesTheConsoleThroughAPipeAndEndsEveryCall() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory).withDefaults();
        etc.write("io.vtgoconnect.callmanager.endpoint-2005.cfg", "number=2005", "behaviour=NEVER");
        etc.write("io.vtgoconnect.callmanager.endpoint-2006.cfg", "number=2006", "behaviour=BUSY");
        try (PipedConsole console = new PipedConsole(directory)) {
            console.send("runprogram");
            console.awaitLine("Event : Connected to CallManager");

            // Two refused calls leave no line blocked: the next call goes out, and each is ended with endcall or onhook.
            console.send("makecall 9999");
            console.awaitLine(LINE_1 + "14(TsInvalidNumber)");
            console.send("makecall 2006");
            console.awaitLine(LINE_2 + "6(TsBusy)");
            console.send("makecall 2004");
            console.awaitLine(LINE_1 + "0(TsIdle)");
            console.awaitLine(LINE_1 + "5(TsConnected)");
            console.send("endcall");
            console.awaitLine(LINE_1 + "0(TsIdle)");
            console.send("onhook");
            console.awaitLine(LINE_2 + "0(TsIdle)");

            // A call ringing out is cancelled.
            console.send("makecall 2005");
            console.awaitLine(LINE_1 + "3(TsRingOut)");
            console.send("endcall");
            console.awaitLine(LINE_1 + "0(TsIdle)");

            console.send("softkey dnd");
            console.awaitLine("Do not disturb is on: calls ringing in are refused as busy.");
            console.send("softkey dnd");
            console.awaitLine("Do not disturb is off.");

            console.send("events json");
            console.send("hold");
            String refusal = console.awaitLine("{\"kind\":\"error\",");
            assertTrue(refusal.contains("\"error\":\"ERROR_NO_CALL\",\"code\":6,"), refusal);
            console.send("exit");
            console.send("makecall 2004");

            int exitCode = console.awaitExit();
            List<String> printed = console.printed();
            assertAll(
                    () -> assertEquals(1, exitCode, "hold was refused: " + printed),
                    () -> assertFalse(printed.stream().anyMatch(line -> line.startsWith("Error : ")), printed::toString),
                    () -> assertFalse(printed.stream().anyMatch(line -> line.contains("TsProceed") && line.contains("\"kind\"")),
                            "nothing runs after exit: " + printed),
                    () -> assertTrue(printed.subList(printed.indexOf(refusal), printed.size()).stream()
                            .allMatch(line -> line.startsWith("{\"kind\":")), "JSON only after events json: " + printed),
                    () -> assertFalse(console.errors().contains("Exception"), console::errors));
        }
    }

    @Test
    void dashEStopsAtTheFirstFailureWithExitCodeOne() throws Exception {
        Result result = Vtgoconnect.run(directory, "", "-e", "-c", "help hold; waitfor nothing 0.2; help makecall");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(List.of("Hold", "  Puts active call on hold.", "Timeout : no line contained \"nothing\" within 0.2 s."),
                result.lines(), result::toString);
    }

    @Test
    void standardInputEndsAtExitAndSleepWaits() throws Exception {
        Result result = Vtgoconnect.run(directory, "sleep 0.1\nhelp hold\nquit\nfoo\n");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("Hold", "  Puts active call on hold."), result.lines(), result::toString);
    }

    @Test
    void aWrongOptionIsNamedAndHelpTellsEveryExitCode() throws Exception {
        Result wrong = Vtgoconnect.run(directory, "", "-x");
        Result help = Vtgoconnect.run(directory, "", "-h");

        assertEquals(2, wrong.exitCode(), wrong::toString);
        assertEquals("vtgoconnect: unknown option -x.", wrong.lines().get(0), wrong::toString);
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(String.join("\n", help.lines()).contains("2 for bad arguments"), help::toString);
    }

    @Test
    void helpListsTheCallServersCommandsAndDetailsThemByScope() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "help; help cm:status; vtgo:makecall --help; hold --help");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.lines();
        int cm = lines.indexOf("Commands of scope cm (typed with their scope):");
        assertTrue(cm > 0 && lines.get(cm + 1).strip().startsWith("cm:"), result::toString);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("cm:status")), result::toString);
        assertTrue(lines.contains("MakeCall destination"), result::toString);
        assertEquals(List.of("Hold", "  Puts active call on hold."), lines.subList(lines.size() - 2, lines.size()), result::toString);
        assertFalse(lines.stream().anyMatch(line -> line.contains("TsProceed") || line.startsWith("Error")), result::toString);
    }

    @Test
    void aJarInDeployThatCannotStartPrintsNoTraceAndTheLogSaysWhy() throws Exception {
        Path deploy = Files.createDirectories(directory.resolve("deploy"));
        RuntimeEtc.in(directory).withDeployFolder(deploy);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "left.behind");
        manifest.getMainAttributes().putValue("Import-Package", "no.such.pkg");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(deploy.resolve("left-behind.jar")), manifest)) {
            jar.closeEntry();
        }

        // The shortest of runs: the jar is looked at as the runtime starts, and its fault is logged before help's list.
        Result result = Vtgoconnect.run(directory, "", "-c", "help");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.errors(), result::toString);
        assertTrue(result.lines().stream().noneMatch(line -> line.contains("left.behind") || line.contains("left-behind")),
                result::toString);
        // Without a configuration of its own the log is written to log/ in the working folder.
        String log = Files.readString(directory.resolve("log/vtgoconnect.log"));
        assertTrue(log.lines().anyMatch(line -> line.contains("left-behind.jar") && line.contains("no.such.pkg")), log);
        assertFalse(log.contains("\tat "), log);
    }

    /** The README's refusal example: the phone registers while the run ends, and nothing but its lines is printed. */
    @Test
    void theRefusalExampleEndsCleanlyEveryTime() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        for (int run = 1; run <= 3; run++) {
            Result result = Vtgoconnect.run(directory, "", "-c", "makecall 2004; runprogram; MakeCall; dial 2004; softkey \"new call\"");

            assertEquals(1, result.exitCode(), result::toString);
            assertEquals("", result.errors(), "run " + run + ": " + result);
            assertEquals("Event : Disconnected from softphone", result.lines().get(result.lines().size() - 1), result::toString);
        }
    }
}
