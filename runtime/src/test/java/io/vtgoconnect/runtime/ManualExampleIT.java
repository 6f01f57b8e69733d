package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.manual.ManualTranscript;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual's example 1 (Basic Phone Call) replayed through the built runtime on its own
 * configuration (the embedded call server, the default phone SEP001122334455 and endpoint 2004),
 * over real SIP and RTP: the events must be the manual's, one for one, with call references,
 * addresses and media figures read as patterns.
 */
class ManualExampleIT {
    private static final Pattern CALL_REF = Pattern.compile("CallRef=([1-9]\\d*)");
    private static final Pattern AUDIO_BOTH_WAYS = Pattern.compile("Sent=[1-9]\\d*, Recvd=[1-9]\\d*");

    @TempDir
    Path directory;

    /**
     * Driven through a pipe, each command once the phone showed what the one before caused. The
     * manual's CallStats shows audio both ways; right after a resume the far end may not have sent
     * its first packet yet, so CallStats is asked again (with a deadline) until it shows some.
     */
    @Test
    void basicPhoneCallPrintsTheManualsEvents() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        List<String> printed;
        int exitCode;
        try (PipedConsole console = new PipedConsole(directory)) {
            console.send("runprogram");
            console.awaitLine("Event : Connected to CallManager");
            console.send("snapshot");
            console.awaitLine("Event : SpeedDialUpdate, Speeddial=4()");
            console.send("makecall 2004");
            console.await("TsConnected", line -> line.contains("TsConnected"));
            console.send("hold");
            console.await("TsHold", line -> line.contains("TsHold"));
            console.send("resume");
            console.await("TsConnected", line -> line.contains("TsConnected"));
            long deadline = System.nanoTime() + Vtgoconnect.TIMEOUT.toNanos();
            String stats;
            do {
                assertTrue(System.nanoTime() < deadline, "no audio both ways within " + Vtgoconnect.TIMEOUT);
                console.send("callstats");
                stats = console.awaitLine("Event : CallStatsUpdate");
            } while (!AUDIO_BOTH_WAYS.matcher(stats).find());
            console.send("endcall");
            console.awaitLine("Event : PartyHangup");
            exitCode = console.awaitExit();
            printed = console.printed();
        }

        assertEquals(0, exitCode, printed::toString);
        List<String> expected = ManualTranscript.events(Vtgoconnect.HOME.getParent(), "1. Basic Phone Call", "2. IPCC Interaction");
        // Keep-alives come as the clock says, and CallStats was asked until audio flowed; the manual shows one.
        List<String> statistics = printed.stream().filter(line -> line.startsWith("Event : CallStatsUpdate")).toList();
        List<String> ours = printed.stream().filter(line -> line.startsWith("Event :"))
                .filter(line -> !line.equals("Event : ConnectionKeepAlive"))
                .filter(line -> !line.startsWith("Event : CallStatsUpdate") || line.equals(statistics.get(statistics.size() - 1)))
                .limit(expected.size()).toList();
        ManualTranscript.assertMatches(expected, ours);
        Set<String> callRefs = ours.stream().map(CALL_REF::matcher).filter(Matcher::find).map(found -> found.group(1))
                .collect(Collectors.toSet());
        assertEquals(1, callRefs.size(), () -> "one call, one reference: " + callRefs);
    }
}
