package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent API over HTTP as an agent's desktop uses it: states, reasons, refusals and the push channel. */
class AcdApiTest {
    private final AcdTestServer server;
    private final AgentApi agent21;

    AcdApiTest() throws Exception {
        server = new AcdTestServer();
        agent21 = AgentApi.as(server, "agent21");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anAgentLogsInGoesReadyAndNotReadyWithAReasonAndLogsOutWithOne() throws Exception {
        assertEquals("LOGOUT", agent21.currentState());
        AgentApi.Pushed pushed = agent21.push();
        assertEquals("LOGOUT", pushed.nextState());

        assertEquals(202, agent21.login("2001").statusCode());
        assertEquals("NOT_READY", pushed.nextState());
        String user = agent21.get("/api/User/agent21").body();
        assertTrue(user.contains("<extension>2001</extension>") && user.contains("<reasonCodeId>-1</reasonCodeId>"), user);

        assertEquals(202, agent21.state("READY", "").statusCode());
        assertEquals("READY", pushed.nextState());
        assertEquals(202, agent21.state("NOT_READY", "<reasonCodeId>NOT_READY-2</reasonCodeId>").statusCode());
        String notReady = pushed.next();
        assertEquals("NOT_READY", AgentApi.stateOf(notReady));
        assertTrue(notReady.contains("<reasonCodeId>NOT_READY-2</reasonCodeId>") && notReady.contains("<label>Break</label>"),
                notReady);
        assertEquals(202, agent21.state("WORK_READY", "").statusCode());
        assertEquals("WORK_READY", pushed.nextState());
        assertEquals(202, agent21.state("NOT_READY", "<reasonCodeId>NOT_READY-4</reasonCodeId>").statusCode());
        assertEquals("NOT_READY", pushed.nextState());

        assertEquals(202, agent21.state("LOGOUT", "<reasonCodeId>LOGOUT-1</reasonCodeId>").statusCode());
        assertEquals("LOGOUT", pushed.nextState());
        assertEquals(AgentApi.Pushed.END, pushed.next(), "a logout ends the push channel");
    }

    @Test
    void anAgentWhoFailsTooOftenIsLockedWhateverPasswordFollows() {
        AgentApi wrong = new AgentApi(server, "agent22", "not-the-password");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(401, wrong.login("2002").statusCode());
        }
        HttpResponse<String> locked = AgentApi.as(server, "agent22").login("2002");
        assertEquals(401, locked.statusCode());
        assertTrue(locked.body().contains("agent22 is locked after too many failed attempts; try again in "), locked.body());
        assertEquals(202, agent21.login("2001").statusCode(), "another agent is not locked");
    }

    @Test
    void malformedCredentialsAre401WithAnApiError() throws Exception {
        for (String authorization : new String[] {"Basic !!!", "Basic", "Basic bm8gY29sb24=", "Negotiate x"}) {
            HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.agentApi() + "/api/User/agent21")).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), authorization);
            assertTrue(answer.body().contains("<ErrorType>Unauthorized</ErrorType>"), answer.body());
        }
    }

    @Test
    void theReasonCodesOfEachCategoryAreListedInOrder() {
        assertEquals(List.of("1 Supervisor not ready", "2 Break", "3 Team meeting", "4 Personal call"),
                reasonCodes(agent21.get("/api/User/agent21/ReasonCodes?category=NOT_READY")));
        assertEquals(List.of("1 End of Shift", "2 Holiday", "3 Supervisor logout"),
                reasonCodes(agent21.get("/api/User/agent21/ReasonCodes?category=LOGOUT")));
        assertRefused(agent21.get("/api/User/agent21/ReasonCodes?category=LUNCH"), 400, "category", "Invalid Input");
    }

    private static List<String> reasonCodes(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Matcher code = Pattern.compile("<code>(\\d+)</code><label>([^<]*)</label>").matcher(response.body());
        return code.results().map(found -> found.group(1) + " " + found.group(2)).toList();
    }

    @Test
    void aReasonIsRequiredToGoNotReadyAndToLogOut() {
        agent21.login("2001");
        agent21.state("READY", "");
        assertRefused(agent21.state("NOT_READY", ""), 400, "reasonCodeId", "Parameter Missing");
        assertRefused(agent21.state("NOT_READY", "<reasonCodeId>LOGOUT-1</reasonCodeId>"), 400, "reasonCodeId", "Invalid Input");
        assertRefused(agent21.state("NOT_READY", "<reasonCodeId>NOT_READY-9</reasonCodeId>"), 400, "reasonCodeId", "Invalid Input");
        assertRefused(agent21.state("READY", "<reasonCodeId>NOT_READY-2</reasonCodeId>"), 400, "reasonCodeId", "Invalid Input");
        assertEquals("READY", agent21.currentState(), "refusals change nothing");
        agent21.state("NOT_READY", "<reasonCodeId>NOT_READY-1</reasonCodeId>");
        assertRefused(agent21.state("LOGOUT", ""), 400, "reasonCodeId", "Parameter Missing");
        assertEquals("NOT_READY", agent21.currentState());
    }

    @Test
    void withoutTheReasonPolicyNoReasonIsNeeded() {
        server.reasonRequired(false, false);
        agent21.login("2001");
        agent21.state("READY", "");
        assertEquals(202, agent21.state("NOT_READY", "").statusCode());
        assertEquals(202, agent21.state("LOGOUT", "").statusCode());
        assertEquals("LOGOUT", agent21.currentState());
    }

    @Test
    void wrongCredentialsAndOtherAgentsResourcesAreRefused() {
        assertEquals(401, new AgentApi(server, "agent22", "not-the-password").login("2002").statusCode());
        assertEquals(401, new AgentApi(server, "agent99", "").login("2002").statusCode());
        assertEquals(401, new AgentApi(server, "agent22", "").login("2002").statusCode(), "a blank password is a password");
        assertRefused(agent21.get("/api/User/agent22"), 403, "uri", "Forbidden");
        assertEquals("LOGOUT", AgentApi.as(server, "agent22").currentState());
    }

    @Test
    void badRequestsAreRefusedWithApiErrors() {
        assertRefused(agent21.state("READY", ""), 400, "state", "Invalid State");
        assertRefused(agent21.state("LOGIN", ""), 400, "extension", "Parameter Missing");
        assertRefused(agent21.login("7777"), 400, "extension", "Invalid Input");
        assertRefused(agent21.put("<User><extension>2001</extension></User>"), 400, "state", "Parameter Missing");
        assertRefused(agent21.put("<Dialog/>"), 400, "User", "Invalid Input");
        assertRefused(agent21.put("not xml"), 400, "User", "Invalid Input");
        assertRefused(agent21.put("<!DOCTYPE User [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><User><state>&x;</state></User>"),
                400, "User", "Invalid Input");
        agent21.login("2001");
        assertRefused(agent21.state("SLEEPING", ""), 400, "state", "Invalid Input");
        assertRefused(agent21.state("TALKING", ""), 400, "state", "Invalid Input");
        assertRefused(agent21.login("2002"), 400, "state", "Invalid State");
        assertRefused(AgentApi.as(server, "agent22").login("2001"), 400, "extension", "Invalid Input");
        assertEquals(202, agent21.login("2001").statusCode(), "logging in again where one is changes nothing");
        assertRefused(agent21.get("/api/Dialog/1"), 404, "uri", "Not Found");
        assertRefused(agent21.send(agent21.request("/api/User/agent21").DELETE().build()), 405, "method", "Method Not Allowed");
        assertEquals("NOT_READY", agent21.currentState());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String element, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("<ApiErrors><ApiError><ErrorData>" + element + "</ErrorData><ErrorMessage>")
                && response.body().contains("<ErrorType>" + type + "</ErrorType>"), response.body());
    }
}
