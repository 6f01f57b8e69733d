package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.acd.AcdAgent;
import io.vtgoconnect.callmanager.internal.acd.AcdAgents;
import io.vtgoconnect.callmanager.internal.acd.AcdApi;
import io.vtgoconnect.callmanager.internal.acd.AcdPolicy;
import io.vtgoconnect.callmanager.internal.acd.AcdPush;
import io.vtgoconnect.callmanager.internal.acd.AcdQueue;
import io.vtgoconnect.callmanager.internal.acd.AcdQueues;
import io.vtgoconnect.callmanager.internal.acd.AcdReasonCode;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.http.Http;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The call server of {@link EmbeddedServer} with an ACD as the manual's example 2 has it: agent
 * agent21 with a blank password, agents agent22 and agent23 (password {@code secret-<id>}), the
 * reason codes of example 2 (a reason required to go Not Ready and to log out) and queue
 * {@value #PILOT}. Public for the IPCC client's tests and benchmark.
 */
public final class AcdTestServer implements AutoCloseable {
    public static final String PILOT = "2100";

    private final EmbeddedServer server;
    private final AcdPush push;

    /** @param queueSettings pairs of a queue setting's method name and its value, e.g. "ring_timeout", 1 */
    public AcdTestServer(Object... queueSettings) throws Exception {
        server = new EmbeddedServer();
        AcdAgents agents = new AcdAgents(server.server);
        new AcdQueues(server.server, agents);
        push = new AcdPush(agents);
        server.http.serve(Http.AGENT_API, AcdApi.CONTEXT + "/*", new AcdApi(server.server, agents, push, server.settings));
        addAgent("agent21", "");
        addAgent("agent22", password("agent22"));
        addAgent("agent23", password("agent23"));
        String[] notReady = {"Supervisor not ready", "Break", "Team meeting", "Personal call"};
        for (int code = 1; code <= notReady.length; code++) {
            addReasonCode(AcdReasonCode.Category.NOT_READY, code, notReady[code - 1]);
        }
        String[] logout = {"End of Shift", "Holiday", "Supervisor logout"};
        for (int code = 1; code <= logout.length; code++) {
            addReasonCode(AcdReasonCode.Category.LOGOUT, code, logout[code - 1]);
        }
        Map<String, Object> queue = ConfigAnnotations.pairs(queueSettings);
        queue.put("pilot", PILOT);
        server.add(new AcdQueue(ConfigAnnotations.of(AcdQueue.Settings.class, queue)));
    }

    public static String password(String agent) {
        return "secret-" + agent;
    }

    public void addAgent(String id, String password) {
        server.add(new AcdAgent(ConfigAnnotations.of(AcdAgent.Settings.class, Map.of("id", id, "_password", password))));
    }

    private void addReasonCode(AcdReasonCode.Category category, int code, String label) {
        server.add(new AcdReasonCode(ConfigAnnotations.of(AcdReasonCode.Settings.class,
                Map.of("category", category, "code", code, "label", label))));
    }

    /** A line agents may log in at, with no phone. */
    public void addLine(String number) {
        server.add(new DirectoryLine(ConfigAnnotations.of(DirectoryLine.Settings.class, Map.of("number", number))));
    }

    /** Whether a reason is required to go Not Ready, and to log out. */
    public void reasonRequired(boolean notReady, boolean logout) {
        server.add(new AcdPolicy(ConfigAnnotations.of(AcdPolicy.Settings.class,
                Map.of("not_ready_reason_required", notReady, "logout_reason_required", logout))));
    }

    /** The agent API's base URL, as the IPCC client is configured with it. */
    public String agentApi() {
        return "http://127.0.0.1:" + server.httpPort + AcdApi.CONTEXT;
    }

    /** One of our phones with the line (2001, 2002, 2003 or 2301) registered here. */
    public RegisteredPhone phone(String number, Object... settings) {
        return server.phone(number, settings);
    }

    /** A test endpoint (2004 answers) calls the number through the server, as cm:call does. */
    public void call(String endpoint, String number) {
        server.server.worker().call(() -> {
            server.endpoints.call(endpoint, number);
            return null;
        });
    }

    /**
     * A test endpoint calls the number, as cm:call does, and waits until the call is answered (a
     * queue answers at once), for at most 10 s: the INVITE goes its own way through the server,
     * and a call placed after this one returns could otherwise overtake it.
     */
    public void callAnswered(String endpoint, String number) {
        call(endpoint, number);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.server.worker().call(() -> server.endpoints.calls().stream()
                .anyMatch(call -> call.endpoint().equals(endpoint) && call.leg().isConnected()))) {
            assertTrue(System.nanoTime() < deadline, "The call of " + endpoint + " to " + number + " was not answered within 10 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** The endpoint hangs up its calls, as cm:hangup does. */
    public void hangUp(String endpoint) {
        server.server.worker().call(() -> server.endpoints.hangUp(endpoint));
    }

    @Override
    public void close() {
        push.close();
        server.close();
    }
}
