package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call through a real call server, run in batch as a user runs it, and read as the manual prints it. */
class SoftphoneCallIT {
    private static final String LINE = "Event : LineUpdate, Line=1\\(2001\\), Button=1, State=";
    private static final String REF = "CallRef=\\d+";

    @TempDir
    Path directory;
    private CallServer server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callToAnAnsweringNumberShowsTheManualsEvents() throws Exception {
        server = new CallServer(directory);

        // Two keep-alives after the answer (one a second) leave at least a second of audio for the statistics.
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram; waitfor \"Connected to CallManager\"; "
                + "makecall 9004; waitfor TsConnected; waitfor ConnectionKeepAlive; waitfor ConnectionKeepAlive; "
                + "callstats; waitfor CallStatsUpdate; endcall; waitfor TsIdle; exitprogram");

        assertEquals(0, result.exitCode(), result::toString);
        assertLinesInOrder(result,
                "Event : Connected to softphone",
                "Event : Connected to CallManager",
                LINE + "1\\(TsOffHook\\), " + REF + ", Direction=, OtherParty=",
                LINE + "12\\(TsProceed\\), " + REF + ", Direction=outgoing, OtherParty=.*",
                LINE + "3\\(TsRingOut\\), " + REF + ", Direction=outgoing, OtherParty=9004",
                "Event : PartyPickup,  " + REF,
                LINE + "5\\(TsConnected\\), " + REF + ", Direction=outgoing, OtherParty=9004",
                "Event : CallStatsUpdate, " + REF + ", Codec=G711u:20ms, ThisStation=127\\.0\\.0\\.1:\\d+:\\d+, "
                        + "OtherStation=127\\.0\\.0\\.1:\\d+:\\d+, CallLen=\\d+, Sent=[1-9]\\d*, Recvd=[1-9]\\d*, .*",
                "Event : PartyHangup,  " + REF,
                LINE + "0\\(TsIdle\\), CallRef=0, Direction=, OtherParty=",
                "Event : Disconnected from CallManager",
                "Event : Disconnected from softphone");
        server.awaitCallEnded();
    }

    @Test
    void runProgramWithoutALineIsRefused() throws Exception {
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(List.of("Error : ERROR_PHONE_NOT_FOUND(8) - No line is configured: add a configuration of factory "
                + "io.vtgoconnect.transport.sip.line with a number and a registrar, or set provisioning.url of "
                + "io.vtgoconnect.transport.sip.phone, then run RunProgram again."),
                result.lines(), result::toString);
    }

    /** Each pattern matches a whole line after the previous one's; other lines may come between. */
    private static void assertLinesInOrder(Result result, String... patterns) {
        Iterator<String> lines = result.lines().iterator();
        for (String pattern : patterns) {
            Pattern expected = Pattern.compile(pattern);
            boolean found = false;
            while (!found && lines.hasNext()) {
                found = expected.matcher(lines.next()).matches();
            }
            assertTrue(found, () -> "no line matching " + pattern + " after the previous one: " + result);
        }
    }
}
