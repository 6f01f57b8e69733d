package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import io.vtgoconnect.testing.manual.ManualTranscript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual's example 2 (IPCC Interaction) replayed through the built runtime on its own
 * configuration: agent agent21 logs in at the default phone's extension 2001 on the embedded ACD,
 * endpoint 2004 calls queue 2100 and hangs up; the events must be the manual's, one for one.
 */
class IpccExampleIT {
    @TempDir
    Path directory;

    @Test
    void ipccInteractionPrintsTheManualsEvents() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram; waitfor \"Connected to CallManager\"; "
                + "ipcclogin agent21 \"\" 2001; waitfor \"IPCC agent state 3\"; ipccstate ready; waitfor \"IPCC agent state 4\"; "
                + "cm:call 2004 2100; waitfor \"IPCC agent state 10\"; answer; waitfor \"IPCC agent state 8\"; "
                + "cm:hangup 2004; waitfor \"IPCC agent state 4\"; ipccstate notready; waitfor \"Reason Code 4\"; "
                + "ipccstate notready 2; waitfor \"IPCC agent state 3\"; ipcclogout; waitfor \"Reason Code 3\"; "
                + "ipcclogout 1; waitfor \"IPCC agent state 2\"");

        assertEquals(0, result.exitCode(), result::toString);
        // spec-notes reads the manual's "Supervisor not readyBreak" as the reason "Supervisor not ready".
        List<String> manual = ManualTranscript.events(Vtgoconnect.HOME.getParent(), "2. IPCC Interaction", "(end of the manual)")
                .stream().map(line -> line.replace("Supervisor not readyBreak", "Supervisor not ready")).toList();
        // The manual's session shows neither keep-alives, nor the registration after the start, nor the line
        // going idle after the hang-up, which ours print; cm:call and cm:hangup confirm in lines of their own;
        // the session ends before the batch does, which stops the softphone.
        List<String> ours = result.lines().stream().filter(line -> line.startsWith("Event :"))
                .filter(line -> !line.equals("Event : ConnectionKeepAlive") && !line.equals("Event : Connected to CallManager")
                        && !line.contains("State=0(TsIdle)"))
                .limit(manual.size()).toList();
        ManualTranscript.assertMatches(manual, ours);
    }

    @Test
    void refusalsAnswerWithTheManualsCodes() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "ipcclogin agent21 s3cret 2001; ipcclogin agent99 \"\" 2001; "
                + "ipcclogin agent21 \"\" 7777; ipcclogin agent21 \"\"; ipcclogin; IPCCState sleepy; ipccstate ready; "
                + "ipcclogout 1; ipccstate; waitfor \"IPCC agent state 2\"");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(List.of(
                "Error : ERROR_IPCC_LOGIN(20) - The IPCC server did not accept agent agent21 with that password.",
                "Error : ERROR_IPCC_LOGIN(20) - The IPCC server did not accept agent agent99 with that password.",
                "Error : ERROR_IPCC_LOGIN(20) - The IPCC server refused to log in agent21: Extension 7777 is not a line of "
                        + "the call server.",
                "Error : ERROR_MISSING_PARAMETER(9) - IPCCLogin needs an extension: IPCCLogin agentID password extension.",
                "Error : ERROR_MISSING_PARAMETER(9) - IPCCLogin needs an agentID: IPCCLogin agentID password extension.",
                "Error : ERROR_IPCC_INVALID_STATE(23) - \"sleepy\" is not an agent state; valid states are ready, notready, "
                        + "work, workready, worknotready.",
                "Error : ERROR_IPCC_CHANGE_STATE(22) - No agent is logged in; log in with IPCCLogin first.",
                "Error : ERROR_IPCC_LOGOUT(21) - No agent is logged in; log in with IPCCLogin first.",
                "Event : IPCC agent state 2 (Logged Out)"), result.lines());
        assertFalse(result.toString().contains("s3cret"), "no password in the output: " + result);
    }
}
