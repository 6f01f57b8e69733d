package io.vtgoconnect.ipcc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.event.AgentStateUpdate;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import io.vtgoconnect.transport.sip.internal.RecordingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server with the User resource alone, as Cisco Finesse has it (it pushes over XMPP, which we do
 * not speak): in push mode the client finds no event stream and polls the User instead.
 */
class PlainFinesseTest {
    private static final Pattern STATE = Pattern.compile("<state>([A-Z_]+)</state>");

    private final HttpServer finesse;
    private volatile String state = "LOGOUT";
    private IpccCommands ipcc;

    PlainFinesseTest() throws IOException {
        finesse = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        finesse.createContext("/finesse/api/User/1234", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("PUT")) {
                    Matcher requested = STATE.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    state = requested.find() && requested.group(1).equals("LOGIN") ? "NOT_READY" : requested.group(1);
                    exchange.sendResponseHeaders(202, -1);
                    return;
                }
                byte[] user = ("<User><loginId>1234</loginId><state>" + state + "</state></User>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.sendResponseHeaders(200, user.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(user);
                }
            }
        });
        finesse.start();
    }

    @AfterEach
    void stop() {
        if (ipcc != null) {
            ipcc.deactivate();
        }
        finesse.stop(0);
    }

    @Test
    void withoutAPushChannelTheStateIsPolled() {
        RecordingListener events = new RecordingListener();
        ipcc = new IpccCommands(new RecordingEventAdmin(events), ConfigAnnotations.of(IpccSettings.class, Map.of(
                "server_url", "http://127.0.0.1:" + finesse.getAddress().getPort() + "/finesse", "poll_interval", 100)), AgentCommands.NO_LOGS);
        AgentCommands commands = new AgentCommands(ipcc, "");
        commands.ipccLogin("1234", "secret", "1001001");
        events.await(AgentStateUpdate.class, update -> update.state() == AgentState.NOT_READY);
        commands.ipccState("ready");
        events.await(AgentStateUpdate.class, update -> update.state() == AgentState.READY);
        assertEquals(List.of("Event : IPCC agent state 3 (Not Ready)", "Event : IPCC agent state 4 (Ready)"), events.lines(0));
        assertEquals("READY", state, "the server was asked for READY");
    }
}
