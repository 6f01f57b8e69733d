package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EMLogin and EMLogout through the built runtime against its embedded call server: the phone takes
 * the user's line 2002 and gets its own back; each refusal answers with the manual's code.
 */
class ExtensionMobilityIT {
    @TempDir
    Path directory;

    @Test
    void loginGivesThePhoneTheUsersLinesAndLogoutGivesItsOwnBack() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram; waitfor \"Connected to CallManager\"; "
                + "emlogin jsmith 123456; waitfor \"Line=1(2002)\"; waitfor \"Connected to CallManager\"; "
                + "makecall 2004; waitfor TsConnected; endcall; waitfor TsIdle; "
                + "emlogout; waitfor \"Line=1(2001)\"; waitfor \"Connected to CallManager\"; "
                + "emlogin jsmith 123456; emlogin jsmith 123456");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.lines();
        int login = lines.indexOf("Event : LineUpdate, Line=1(2002), Button=1, State=0(TsIdle), CallRef=0, Direction=, OtherParty=");
        assertTrue(login > 0 && lines.subList(0, login).contains("Event : Disconnected from CallManager"), result::toString);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("Event : LineUpdate, Line=1(2002), Button=1, State=5(TsConnected)")),
                "the call goes out on the user's line: " + result);
        assertFalse(result.toString().contains("123456"), "no password in the output: " + result);
        // A login that changes nothing the events show still says so.
        assertEquals(3, lines.stream().filter("jsmith is logged in to SEP001122334455."::equals).count(), result::toString);
    }

    @Test
    void refusalsAnswerWithTheManualsCodes() throws Exception {
        RuntimeEtc.in(directory).withDefaults();
        Result result = Vtgoconnect.run(directory, "", "-c", "emlogin jsmith 000000; emlogin nobody 1; emlogin jsmith; "
                + "emlogin");

        assertEquals(List.of(
                "Error : ERROR_EM_INVALID_CREDENTIALS(18) - The EM service refused the login: Authentication failed (error 9).",
                "Error : ERROR_EM_INVALID_CREDENTIALS(18) - The EM service refused the login: User does not exist (error 23).",
                "Error : ERROR_MISSING_PARAMETER(9) - EMLogin needs a password: EMLogin userID password.",
                "Error : ERROR_MISSING_PARAMETER(9) - EMLogin needs a userID: EMLogin userID password."), result.lines());
        assertFalse(result.toString().contains("000000"), "no password in the output: " + result);
    }

    @Test
    void aServiceThatCannotBeReachedIsAFailedRequest() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory).withDefaults();
        etc.write("io.vtgoconnect.em.cfg", "service.url=http://127.0.0.1:" + io.vtgoconnect.testing.peers.FreePorts.udpAndTcp()
                + "/emservice/EMServiceServlet");
        Result result = Vtgoconnect.run(directory, "", "-c", "emlogin jsmith 123456");

        assertEquals(1, result.exitCode());
        assertTrue(result.lines().get(0).startsWith("Error : ERROR_EM_REQUEST_FAILED(14) - The EM service at http://127.0.0.1:"),
                result::toString);
    }
}
