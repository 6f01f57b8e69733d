package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
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

    @TempDir
    Path directory;

    @Test
    void basicPhoneCallPrintsTheManualsEvents() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram; waitfor \"Connected to CallManager\"; snapshot; "
                + "makecall 2004; waitfor TsConnected; hold; waitfor TsHold; resume; waitfor TsConnected; "
                + "callstats; waitfor CallStatsUpdate; endcall; "
                + "waitfor PartyHangup");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = ManualTranscript.events(Vtgoconnect.HOME.getParent(), "1. Basic Phone Call", "2. IPCC Interaction");
        // Keep-alives come as the clock says; the manual's session shows none.
        List<String> ours = result.lines().stream().filter(line -> line.startsWith("Event :"))
                .filter(line -> !line.equals("Event : ConnectionKeepAlive")).limit(expected.size()).toList();
        ManualTranscript.assertMatches(expected, ours);
        Set<String> callRefs = ours.stream().map(CALL_REF::matcher).filter(Matcher::find).map(found -> found.group(1))
                .collect(Collectors.toSet());
        assertEquals(1, callRefs.size(), () -> "one call, one reference: " + callRefs);
        assertTrue(ours.stream().anyMatch(line -> line.matches(".*Sent=[1-9]\\d*, Recvd=[1-9]\\d*.*")),
                "audio went both ways: " + ours);
    }
}
