package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue 2100 routes to three agents at their phones 2001, 2002 and 2003, over real SIP and RTP;
 * the agents' states are followed on the push channel, as their desktops follow them.
 */
class AcdRoutingTest {
    private AcdTestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** An agent logged in at their phone, and their push channel past the first Not Ready. */
    private record Agent(AgentApi api, AgentApi.Pushed pushed, RegisteredPhone phone) implements AutoCloseable {
        static Agent loggedIn(AcdTestServer server, String id, RegisteredPhone phone) throws InterruptedException {
            AgentApi api = AgentApi.as(server, id);
            assertEquals(202, api.login(phone.number).statusCode());
            AgentApi.Pushed pushed = api.push();
            assertEquals("NOT_READY", pushed.nextState());
            return new Agent(api, pushed, phone);
        }

        void ready() throws InterruptedException {
            assertEquals(202, api.state("READY", "").statusCode());
            assertEquals("READY", pushed.nextState());
        }

        /** Waits for the queue's call at the phone, checks the agent is Reserved, and answers. */
        CallRef answer(String callerId) throws InterruptedException {
            IncomingCall ringing = phone.events.await(IncomingCall.class);
            assertEquals(callerId, ringing.callerId());
            assertEquals("RESERVED", pushed.nextState());
            phone.phone.answer(ringing.callRef());
            assertEquals("TALKING", pushed.nextState());
            return ringing.callRef();
        }

        @Override
        public void close() {
            phone.close();
        }
    }

    @Test
    void aCallerWaitsHearingATuneUntilAnAgentIsReady(@TempDir Path recordings) throws Exception {
        server = new AcdTestServer();
        try (RegisteredPhone caller = server.phone("2301", "recording_folder", recordings.toString());
                Agent agent = Agent.loggedIn(server, "agent22", server.phone("2002"))) {
            CallRef call = caller.phone.dial(1, AcdTestServer.PILOT);
            caller.await(call, LineState.CONNECTED);
            CallStatistics.await(caller.phone, call, stats -> stats.received() >= 8000);

            agent.ready();
            CallRef atAgent = agent.answer("2301");
            CallStatistics.await(agent.phone.phone, atAgent, CallStatistics::flowsBothWays);
            agent.phone.phone.hangUp(atAgent);
            assertEquals("READY", agent.pushed.nextState());
            caller.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call));
            assertTrue(ToneMeter.of(recordings.resolve("call-" + call + ".wav")).somewhereHolds(500, 0.5, 425),
                    "the caller heard the queue's tone");
        }
    }

    @Test
    void theAgentReadyLongestTakesEachCall() throws Exception {
        server = new AcdTestServer();
        try (Agent agent21 = Agent.loggedIn(server, "agent21", server.phone("2001"));
                Agent agent22 = Agent.loggedIn(server, "agent22", server.phone("2002"));
                Agent agent23 = Agent.loggedIn(server, "agent23", server.phone("2003"))) {
            agent22.ready();
            agent23.ready();
            agent21.ready();

            server.call("2004", AcdTestServer.PILOT);
            CallRef first = agent22.answer("2004");
            server.call("2004", AcdTestServer.PILOT);
            CallRef second = agent23.answer("2004");
            agent22.phone.phone.hangUp(first);
            assertEquals("READY", agent22.pushed.nextState());

            // agent21 has now been Ready longest, and agent22 least long.
            server.call("2004", AcdTestServer.PILOT);
            agent21.answer("2004");
            server.hangUp("2004");
            assertEquals("READY", agent21.pushed.nextState());
            assertEquals("READY", agent23.pushed.nextState());
            agent23.phone.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(second));
            assertEquals("READY", agent22.api.currentState());
        }
    }

    @Test
    void callsQueueWhileNoAgentIsReadyAndGoInTheOrderTheyCame() throws Exception {
        server = new AcdTestServer();
        try (Agent agent21 = Agent.loggedIn(server, "agent21", server.phone("2001"));
                RegisteredPhone caller = server.phone("2301")) {
            server.callAnswered("2004", AcdTestServer.PILOT);
            CallRef second = caller.phone.dial(1, AcdTestServer.PILOT);
            caller.await(second, LineState.CONNECTED);

            agent21.ready();
            CallRef fromEndpoint = agent21.answer("2004");
            agent21.phone.phone.hangUp(fromEndpoint);
            assertEquals("READY", agent21.pushed.nextState());
            CallRef fromPhone = agent21.answer("2301");
            caller.phone.hangUp(second);
            agent21.phone.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(fromPhone));
            assertEquals("READY", agent21.pushed.nextState());
        }
    }

    @Test
    void anAgentWhoDoesNotAnswerGoesNotReadyAndTheCallGoesToTheNext() throws Exception {
        server = new AcdTestServer("ring_timeout", 1);
        try (Agent agent21 = Agent.loggedIn(server, "agent21", server.phone("2001"));
                Agent agent22 = Agent.loggedIn(server, "agent22", server.phone("2002"))) {
            agent21.ready();
            agent22.ready();

            server.call("2004", AcdTestServer.PILOT);
            IncomingCall unanswered = agent21.phone.events.await(IncomingCall.class);
            assertEquals("RESERVED", agent21.pushed.nextState());
            assertEquals("NOT_READY", agent21.pushed.nextState());
            agent21.phone.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(unanswered.callRef()));
            agent22.answer("2004");
            server.hangUp("2004");
            assertEquals("READY", agent22.pushed.nextState());
            assertEquals("NOT_READY", agent21.api.currentState());
        }
    }

    @Test
    void aHeldCallIsHoldAndAfterTheCallTheAgentWrapsUp() throws Exception {
        server = new AcdTestServer("wrapup", 1);
        try (Agent agent23 = Agent.loggedIn(server, "agent23", server.phone("2003"))) {
            agent23.ready();
            server.call("2004", AcdTestServer.PILOT);
            CallRef call = agent23.answer("2004");
            agent23.phone.phone.hold(call);
            assertEquals("HOLD", agent23.pushed.nextState());
            agent23.phone.phone.resume(call);
            assertEquals("TALKING", agent23.pushed.nextState());
            server.hangUp("2004");
            assertEquals("WORK", agent23.pushed.nextState());
            assertEquals("READY", agent23.pushed.nextState());
        }
    }

    @Test
    void aCallerWhoHangsUpWhileItRingsLeavesTheAgentReady() throws Exception {
        server = new AcdTestServer();
        try (Agent agent22 = Agent.loggedIn(server, "agent22", server.phone("2002"))) {
            agent22.ready();
            server.call("2004", AcdTestServer.PILOT);
            IncomingCall ringing = agent22.phone.events.await(IncomingCall.class);
            assertEquals("RESERVED", agent22.pushed.nextState());
            server.hangUp("2004");
            assertEquals("READY", agent22.pushed.nextState());
            agent22.phone.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
            assertEquals(400, agent22.api.state("TALKING", "").statusCode());
        }
    }

    @Test
    void anAgentOnACallCannotChangeStateOrLogOut() throws Exception {
        server = new AcdTestServer();
        try (Agent agent21 = Agent.loggedIn(server, "agent21", server.phone("2001"))) {
            agent21.ready();
            server.call("2004", AcdTestServer.PILOT);
            agent21.answer("2004");
            assertEquals(400, agent21.api.state("NOT_READY", "<reasonCodeId>NOT_READY-2</reasonCodeId>").statusCode());
            assertEquals(400, agent21.api.state("LOGOUT", "<reasonCodeId>LOGOUT-1</reasonCodeId>").statusCode());
            assertEquals("TALKING", agent21.api.currentState());
            server.hangUp("2004");
            assertEquals("READY", agent21.pushed.nextState());
        }
    }
}
