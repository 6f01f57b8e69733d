package io.vtgoconnect.ipcc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.AgentStateUpdate;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.LogoutReasonCode;
import io.vtgoconnect.api.event.NotReadyReasonCode;
import io.vtgoconnect.callmanager.internal.AcdTestServer;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import io.vtgoconnect.testing.manual.ManualTranscript;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.transport.sip.internal.RecordingListener;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The IPCC commands against the embedded call server's ACD, over real HTTP (and the agent's phone
 * over real SIP): what the agent sees in the push and the polling mode, and every refusal.
 */
class IpccCommandsTest {
    private final AcdTestServer server;
    private final RecordingListener events = new RecordingListener();
    private IpccCommands ipcc;
    private boolean serverStopped;

    IpccCommandsTest() throws Exception {
        server = new AcdTestServer();
    }

    @AfterEach
    void stop() {
        if (ipcc != null) {
            ipcc.deactivate();
        }
        if (!serverStopped) {
            server.close();
        }
    }

    /** @param settings pairs of an IPCC setting's method name and its value */
    private AgentCommands commands(RecordingListener recording, Object... settings) {
        java.util.Map<String, Object> values = ConfigAnnotations.pairs(settings);
        values.putIfAbsent("server_url", server.agentApi());
        ipcc = new IpccCommands(new RecordingEventAdmin(recording), ConfigAnnotations.of(IpccSettings.class, values),
                AgentCommands.NO_LOGS);
        return new AgentCommands(ipcc, "");
    }

    private static void awaitState(RecordingListener recording, AgentState state) {
        recording.await(AgentStateUpdate.class, update -> update.state() == state && update.refusal().isEmpty());
    }

    @Test
    void theManualsExampleTwoWithTheAgentsPhone() {
        try (RegisteredPhone phone = server.phone("2001")) {
            AgentCommands commands = commands(phone.events);
            int start = phone.events.size();
            commands.ipccLogin("agent21", "", "2001");
            awaitState(phone.events, AgentState.NOT_READY);
            commands.ipccState("ready");
            awaitState(phone.events, AgentState.READY);
            server.call("2004", AcdTestServer.PILOT);
            awaitState(phone.events, AgentState.RESERVED);
            phone.phone.answer(phone.events.awaitSeen(IncomingCall.class, call -> true).callRef());
            awaitState(phone.events, AgentState.TALKING);
            server.hangUp("2004");
            awaitState(phone.events, AgentState.READY);
            commands.ipccState("notready");
            phone.events.await(NotReadyReasonCode.class, reason -> reason.code() == 4);
            commands.ipccState("NotReady", "2");
            awaitState(phone.events, AgentState.NOT_READY);
            commands.ipccLogout();
            phone.events.await(LogoutReasonCode.class, reason -> reason.code() == 3);
            commands.ipccLogout("1");
            awaitState(phone.events, AgentState.LOGGED_OUT);

            List<String> manual = ManualTranscript.events(Path.of("../.."), "2. IPCC Interaction", "(end of the manual)").stream()
                    // The softphone was started before, as the manual's first event says; spec-notes reads the
                    // typo "Supervisor not readyBreak" as the reason "Supervisor not ready".
                    .skip(1).map(line -> line.replace("Supervisor not readyBreak", "Supervisor not ready")).toList();
            // Our phone says when its line is idle again, which the manual's session does not show.
            List<String> ours = phone.events.lines(start).stream()
                    .filter(line -> !line.equals(EventFormatter.format(idle(phone.events)))).toList();
            ManualTranscript.assertMatches(manual, ours);
        }
    }

    private static LineUpdate idle(RecordingListener events) {
        return events.awaitSeen(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }

    @Test
    void pollingFollowsAServerWithTheRestResourcesAlone() {
        AgentCommands commands = commands(events, "mode", "poll", "poll_interval", 100);
        commands.ipccLogin("agent22", AcdTestServer.password("agent22"), "2002");
        awaitState(events, AgentState.NOT_READY);
        commands.ipccState("ready");
        awaitState(events, AgentState.READY);
        commands.ipccState("workready");
        awaitState(events, AgentState.WORK_READY);
        commands.ipccState("notready", "3");
        awaitState(events, AgentState.NOT_READY);
        commands.ipccState();
        awaitState(events, AgentState.NOT_READY);
        commands.ipccLogout("2");
        awaitState(events, AgentState.LOGGED_OUT);
        assertEquals(List.of("Event : IPCC agent state 3 (Not Ready)", "Event : IPCC agent state 4 (Ready)",
                "Event : IPCC agent state 7 (Work Ready)", "Event : IPCC agent state 3 (Not Ready)",
                "Event : IPCC agent state 3 (Not Ready)", "Event : IPCC agent state 2 (Logged Out)"), events.lines(0),
                "each state once, and the query's answer");
    }

    @Test
    void aStateAskedForAgainIsConfirmedAtOnce() {
        AgentCommands commands = commands(events);
        commands.ipccLogin("agent23", AcdTestServer.password("agent23"), "2003");
        awaitState(events, AgentState.NOT_READY);
        commands.ipccState("notready", "1");
        commands.ipccState("READY");
        awaitState(events, AgentState.READY);
        commands.ipccState("ready");
        awaitState(events, AgentState.READY);
        assertEquals(List.of("Event : IPCC agent state 3 (Not Ready)", "Event : IPCC agent state 3 (Not Ready)",
                "Event : IPCC agent state 4 (Ready)", "Event : IPCC agent state 4 (Ready)"), events.lines(0));
    }

    @Test
    void loginRefusals() {
        AgentCommands commands = commands(events);
        assertRefused(ErrorCode.ERROR_IPCC_LOGIN, "The IPCC server did not accept agent agent22 with that password.",
                () -> commands.ipccLogin("agent22", "not-the-password", "2002"));
        assertRefused(ErrorCode.ERROR_IPCC_LOGIN, "The IPCC server did not accept agent agent99 with that password.",
                () -> commands.ipccLogin("agent99", "", "2002"));
        assertRefused(ErrorCode.ERROR_IPCC_LOGIN, "The IPCC server refused to log in agent21: Extension 7777 is not a line "
                + "of the call server.", () -> commands.ipccLogin("agent21", "", "7777"));
        assertRefused(ErrorCode.ERROR_MISSING_PARAMETER, "IPCCLogin needs an agentID: IPCCLogin agentID password extension.",
                () -> commands.ipccLogin("", "", "2001"));
        assertRefused(ErrorCode.ERROR_MISSING_PARAMETER, "IPCCLogin needs an extension: IPCCLogin agentID password extension.",
                () -> commands.ipccLogin("agent21", "", " "));
        commands.ipccLogin("agent21", "", "2001");
        awaitState(events, AgentState.NOT_READY);
        assertRefused(ErrorCode.ERROR_IPCC_LOGIN, "Agent agent21 is logged in already; log out first with IPCCLogout.",
                () -> commands.ipccLogin("agent21", "", "2001"));
    }

    @Test
    void stateAndLogoutRefusals() {
        AgentCommands commands = commands(events);
        assertRefused(ErrorCode.ERROR_IPCC_INVALID_STATE, "\"sleepy\" is not an agent state; valid states are ready, "
                + "notready, work, workready, worknotready.", () -> commands.ipccState("sleepy"));
        assertRefused(ErrorCode.ERROR_IPCC_CHANGE_STATE, "No agent is logged in; log in with IPCCLogin first.",
                () -> commands.ipccState("ready"));
        assertRefused(ErrorCode.ERROR_IPCC_LOGOUT, "No agent is logged in; log in with IPCCLogin first.", commands::ipccLogout);
        commands.ipccState();
        awaitState(events, AgentState.LOGGED_OUT);

        commands.ipccLogin("agent22", AcdTestServer.password("agent22"), "2002");
        awaitState(events, AgentState.NOT_READY);
        assertRefused(ErrorCode.ERROR_IPCC_INVALID_STATE, "\"talking\" is not an agent state; valid states are ready, "
                + "notready, work, workready, worknotready.", () -> commands.ipccState("talking"));
        assertRefused(ErrorCode.ERROR_IPCC_CHANGE_STATE, "Only notready takes a reason code.",
                () -> commands.ipccState("ready", "2"));
        assertRefused(ErrorCode.ERROR_IPCC_CHANGE_STATE, "\"break\" is not a reason code; give its number, e.g. IPCCState "
                + "notready 2.", () -> commands.ipccState("notready", "break"));
        assertRefused(ErrorCode.ERROR_IPCC_CHANGE_STATE, "9 is not a not ready reason code of the IPCC server; its codes are "
                + "1 - Supervisor not ready, 2 - Break, 3 - Team meeting, 4 - Personal call.",
                () -> commands.ipccState("notready", "9"));
        assertRefused(ErrorCode.ERROR_IPCC_LOGOUT, "4 is not a logout reason code of the IPCC server; its codes are "
                + "1 - End of Shift, 2 - Holiday, 3 - Supervisor logout.", () -> commands.ipccLogout("4"));
        commands.ipccLogout();
        events.await(AgentStateUpdate.class, update -> update.refusal().equals(IpccAgent.LOGOUT_REASON_REQUIRED)
                && update.state() == AgentState.NOT_READY);
        assertEquals(List.of("End of Shift", "Holiday", "Supervisor logout"), List.of(
                events.await(LogoutReasonCode.class, reason -> reason.code() == 1).label(),
                events.await(LogoutReasonCode.class, reason -> reason.code() == 2).label(),
                events.await(LogoutReasonCode.class, reason -> reason.code() == 3).label()));
    }

    @Test
    void aServerThatCannotBeReachedSaysSo() {
        AgentCommands commands = commands(events, "server_url", "http://127.0.0.1:" + FreePorts.udpAndTcp() + "/finesse",
                "timeout", 2);
        CommandException refused = assertThrows(CommandException.class, () -> commands.ipccLogin("agent21", "s3cret", "2001"));
        assertEquals(ErrorCode.ERROR_IPCC_LOGIN, refused.code());
        assertTrue(refused.getMessage().startsWith("The IPCC server at http://127.0.0.1:") && refused.getMessage()
                .contains("/finesse/ cannot be reached"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"));
    }

    @Test
    void anAgentWhoseServerGoesAwayIsIpccUnavailable() {
        AgentCommands commands = commands(events);
        commands.ipccLogin("agent21", "", "2001");
        awaitState(events, AgentState.NOT_READY);
        server.close();
        serverStopped = true;
        awaitState(events, AgentState.UNAVAILABLE);
        commands.ipccState();
        events.await(AgentStateUpdate.class, update -> update.state() == AgentState.UNAVAILABLE);
    }

    private static void assertRefused(ErrorCode code, String sentence, Executable command) {
        CommandException refused = assertThrows(CommandException.class, command);
        assertEquals(code.format(sentence), refused.line());
    }
}
