package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar run with {@code -c}, a script file or piped commands: its output lines and exit code. */
class BatchModeIT {
    /** The manual's commands, less Extension Mobility's and IPCC's, which come with features of their own. */
    private static final List<String> MANUAL_PHONE_COMMANDS = List.of(
            "RunProgram", "ShowProgram", "HideProgram", "ExitProgram", "Snapshot", "OffHook", "OnHook",
            "MakeCall", "Answer", "EndCall", "Hold", "Resume", "DTMF", "Softkey", "Messages", "Transfer",
            "TransferInitiate", "TransferCommit", "TransferCancel", "ConferenceInitiate", "ConferenceCommit",
            "ConferenceCancel", "SpkrVolumeUp", "SpkrVolumeDown", "MicVolumeUp", "MicVolumeDown", "Mute",
            "CallStats", "Help");
    private static final String NOT_RUNNING = "Error : ERROR_PHONE_NOT_RUNNING(2) - ";
    private static final String NOT_A_COMMAND = "Error : ERROR_INVALID_COMMAND(3) - \"foo\" is not a command; ";

    @TempDir
    Path directory;

    @Test
    void helpListsEveryPhoneCommandOfTheManual() throws Exception {
        Result help = run("-c", "help");

        assertEquals(0, help.exitCode(), help::toString);
        Set<String> listed = firstWords(help.lines());
        assertEquals(29, MANUAL_PHONE_COMMANDS.size());
        assertAll(MANUAL_PHONE_COMMANDS.stream()
                .map(name -> () -> assertTrue(listed.contains(name), name + " is not listed by help: " + help.lines())));
    }

    @Test
    void phoneCommandWithoutSoftphoneAnswersOneErrorLine() throws Exception {
        assertAnswers(run("-c", "MAKECALL 2004"), 1, NOT_RUNNING);
    }

    @Test
    void callServerCommandAsTheFirstStatementFindsTheServerRunning() throws Exception {
        // Help alone does not start the call server; any other statement waits until it has started.
        Result status = run("-c", "cm:status");

        assertEquals(0, status.exitCode(), status::toString);
        assertEquals(List.of("Registrations: none", "Calls: none"), status.lines(), status::toString);
    }

    @Test
    void aCallServerTurnedOffSaysSoInOneLogLineAndOpensNoPort() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory);
        etc.write("io.vtgoconnect.callmanager.cfg", "sip.port=" + etc.sipPort, "enabled=false");
        Result status = run("-c", "cm:status");

        assertEquals(List.of("The call server is not running; the log says why."), status.lines(), status::toString);
        // No log configuration in this etc: the log is in the working folder, this run's alone.
        List<String> log = Files.readAllLines(directory.resolve("log/vtgoconnect.log"));
        List<String> server = log.stream().filter(line -> line.contains("io.vtgoconnect.callmanager ")).toList();
        assertEquals(1, server.size(), String.join("\n", log));
        assertTrue(server.get(0).contains("The call server is turned off"), server::toString);
        try (DatagramSocket sip = new DatagramSocket(etc.sipPort, InetAddress.getLoopbackAddress())) {
            assertTrue(sip.isBound(), "its port is free");
        }
    }

    @Test
    void aCallServerWhosePortIsTakenSaysWhyInOneLogLine() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory);
        etc.write("io.vtgoconnect.callmanager.cfg", "sip.port=" + etc.sipPort);
        Result status;
        try (DatagramSocket taken = new DatagramSocket(etc.sipPort, InetAddress.getLoopbackAddress())) {
            status = run("-c", "cm:status");
        }

        assertEquals(List.of("The call server is not running; the log says why."), status.lines(), status::toString);
        List<String> log = Files.readAllLines(directory.resolve("log/vtgoconnect.log"));
        List<String> server = log.stream().filter(line -> line.contains("io.vtgoconnect.callmanager ")).toList();
        assertEquals(1, server.size(), String.join("\n", log));
        assertTrue(server.get(0).contains("The call server is not running: cannot listen on 127.0.0.1 (SIP " + etc.sipPort
                + "): Address already in use."), server::toString);
    }

    @Test
    void unknownCommandIsRefused() throws Exception {
        assertAnswers(run("-c", "foo"), 1, NOT_A_COMMAND);
    }

    @Test
    void makeCallWithoutDestinationIsRefused() throws Exception {
        assertAnswers(run("-c", "makecall"), 1, "Error : ERROR_NO_DESTINATION(4) - ");
    }

    @Test
    void quotedArgumentWithSpaceArrivesAsOneArgument() throws Exception {
        assertAnswers(run("-c", "softkey \"new call\""), 1,
                "Error : ERROR_INVALID_COMMAND(3) - \"new call\" is not a softkey");
    }

    @Test
    void quotedCommandNameGetsItsHelp() throws Exception {
        Result help = run("-c", "help \"MakeCall\"");

        assertEquals(0, help.exitCode(), help::toString);
        assertEquals("MakeCall destination", help.lines().get(0), help::toString);
    }

    @Test
    void emptyQuotesAreAnEmptyArgument() throws Exception {
        assertAnswers(run("-c", "softkey \"\""), 1, "Error : ERROR_INVALID_COMMAND(3) - \"\" is not a softkey");
    }

    @Test
    void scriptFileAndStandardInputRunInOrderLikeDashC() throws Exception {
        List<String> commands = List.of("help Hold", "foo", "MAKECALL 2004");
        Files.write(directory.resolve("calls.txt"), commands);
        String[] answers = {"Hold", "  Puts active call on hold", NOT_A_COMMAND, NOT_RUNNING};

        assertAll(
                () -> assertAnswers(run("-c", String.join("; ", commands)), 1, answers),
                () -> assertAnswers(run("calls.txt"), 1, answers),
                () -> assertAnswers(Vtgoconnect.run(directory, String.join("\n", commands) + "\n"), 1, answers));
    }

    @Test
    void failedCommandDoesNotStopTheOnesAfterIt() throws Exception {
        Result result = run("-c", "help; foo; help");

        assertEquals(1, result.exitCode(), result::toString);
        List<String> lines = result.lines();
        int error = IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith(NOT_A_COMMAND))
                .findFirst().orElseThrow(() -> new AssertionError("no error line for foo: " + lines));
        assertTrue(firstWords(lines.subList(0, error)).contains("MakeCall"), result::toString);
        assertTrue(firstWords(lines.subList(error + 1, lines.size())).contains("MakeCall"), result::toString);
    }

    @Test
    void badArgumentsShowTheUsageAndExitTwo() throws Exception {
        Result result = run("-x");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("vtgoconnect: unknown option -x.", result.lines().get(0), result::toString);
        assertTrue(result.lines().get(1).startsWith("Usage: vtgoconnect"), result::toString);
    }

    private Result run(String... arguments) throws Exception {
        return Vtgoconnect.run(directory, "", arguments);
    }

    /** The exit code, and one output line per expected beginning, in order, and nothing more. */
    private static void assertAnswers(Result result, int exitCode, String... lineBeginnings) {
        assertEquals(exitCode, result.exitCode(), result::toString);
        assertEquals(lineBeginnings.length, result.lines().size(), result::toString);
        for (int i = 0; i < lineBeginnings.length; i++) {
            assertTrue(result.lines().get(i).startsWith(lineBeginnings[i]),
                    "line " + (i + 1) + " should begin with " + lineBeginnings[i] + ": " + result);
        }
    }

    /** The first word of each line: the command names of a help listing. */
    private static Set<String> firstWords(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+", 2)[0]).collect(Collectors.toSet());
    }
}
