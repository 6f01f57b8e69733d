package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.io.IOException;
import java.nio.file.Files;
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
    private static final Path MANUAL = Vtgoconnect.HOME.getParent().resolveSibling("shared")
            .resolve("seed/VTGOConnect-1.0-manual.txt");
    private static final Pattern CALL_REF = Pattern.compile("CallRef=([1-9]\\d*)");

    @TempDir
    Path directory;

    /** The {@code Event :} lines of the manual's example 1, in order. */
    private static List<String> manualEvents() throws IOException {
        String manual = Files.readString(MANUAL);
        String example = manual.substring(manual.indexOf("1. Basic Phone Call"), manual.indexOf("2. IPCC Interaction"));
        return example.lines().map(line -> line.replaceFirst("^> ", "").strip()).filter(line -> line.startsWith("Event :"))
                .toList();
    }

    /** The manual's line as a pattern: a call reference, an address, a port and a media figure may differ. */
    private static Pattern patternOf(String manualLine) {
        String pattern = Pattern.quote(manualLine)
                .replaceAll("CallRef=[1-9]\\d*", "\\\\E" + "CallRef=[1-9]\\\\d*" + "\\\\Q")
                .replaceAll("(This|Other)Station=[0-9.]+:\\d+:\\d+", "\\\\E$1" + "Station=127\\\\.0\\\\.0\\\\.1:\\\\d+:\\\\d+\\\\Q")
                .replaceAll("(CallLen|Sent|Recvd|Lost|Discarded|Jitter)=\\d+", "\\\\E$1=\\\\d+\\\\Q");
        // After the manual's fields, ours adds an estimated MOS.
        return Pattern.compile(manualLine.startsWith("Event : CallStatsUpdate") ? pattern + ", MOS=[0-9.]+" : pattern);
    }

    @Test
    void basicPhoneCallPrintsTheManualsEvents() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram; waitfor \"Connected to CallManager\"; snapshot; "
                + "makecall 2004; waitfor TsConnected; hold; waitfor TsHold; resume; waitfor TsConnected; "
                + "callstats; waitfor CallStatsUpdate; endcall; "
                + "waitfor PartyHangup");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = manualEvents();
        // Keep-alives come as the clock says; the manual's session shows none.
        List<String> ours = result.lines().stream().filter(line -> line.startsWith("Event :"))
                .filter(line -> !line.equals("Event : ConnectionKeepAlive")).limit(expected.size()).toList();
        assertEquals(expected.size(), ours.size(), () -> "fewer events than the manual's: " + result);
        for (int i = 0; i < expected.size(); i++) {
            String line = ours.get(i);
            assertTrue(patternOf(expected.get(i)).matcher(line).matches(),
                    "event " + (i + 1) + " is\n  " + line + "\nwhere the manual has\n  " + expected.get(i));
        }
        Set<String> callRefs = ours.stream().map(CALL_REF::matcher).filter(Matcher::find).map(found -> found.group(1))
                .collect(Collectors.toSet());
        assertEquals(1, callRefs.size(), () -> "one call, one reference: " + callRefs);
        assertTrue(ours.stream().anyMatch(line -> line.matches(".*Sent=[1-9]\\d*, Recvd=[1-9]\\d*.*")),
                "audio went both ways: " + ours);
    }
}
