package io.vtgoconnect.callmanager.internal.acd;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.ServerSettings;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.http.Lockout;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceConfigurations;
import io.vtgoconnect.sipstack.SerialWorker;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent API, as Cisco Finesse's REST API, under {@value #CONTEXT} on the call server's HTTP port,
 * each agent authenticated as themselves (HTTP Basic): {@code GET /finesse/api/User/{id}} (with
 * {@code Accept: text/event-stream}, the push channel, see {@link AcdPush}), {@code PUT} of the
 * same with a User document (state LOGIN with an extension, LOGOUT, READY, NOT_READY, WORK,
 * WORK_READY, WORK_NOT_READY, a reasonCodeId), accepted with 202 and then published, and
 * {@code GET /finesse/api/User/{id}/ReasonCodes?category=NOT_READY|LOGOUT}. Refusals are ApiErrors.
 */
@Component(service = {}, configurationPid = ServerSettings.PID)
public final class AcdApi implements HttpHandler {
    public static final String CONTEXT = "/finesse";
    static final String USERS = CONTEXT + "/api/User/";
    static final String REASON_CODES = CONTEXT + "/api/ReasonCode/";
    private static final Pattern USER = Pattern.compile("^" + Pattern.quote(USERS) + "([^/]+)(/ReasonCodes)?/?$");
    private static final Pattern CATEGORY = Pattern.compile("(?:^|&)category=([^&]*)");
    private static final String XML = "application/xml";

    private final Directory directory;
    private final AcdAgents agents;
    private final AcdPush push;
    private final SerialWorker worker;
    private final DeviceConfigurations http;

    /** Serves the API on the call server's HTTP port, beside the device configurations. */
    @Activate
    public AcdApi(@Reference CallManager server, @Reference AcdAgents agents, @Reference AcdPush push, ServerSettings settings) {
        this.directory = server.directory();
        this.agents = agents;
        this.push = push;
        this.worker = server.worker();
        this.http = server.http();
        Lockout lockout = CallManager.lockout(settings);
        HttpContext context = http.register(CONTEXT, this);
        context.setAuthenticator(new BasicAuthenticator("finesse") {
            @Override
            public boolean checkCredentials(String id, String password) {
                if (lockout.lockedSeconds(id) > 0) {
                    return false;
                }
                boolean proved = directory.find(AcdAgent.class, id).filter(agent -> agent.password().matches(password)).isPresent();
                if (proved) {
                    lockout.succeeded(id);
                } else {
                    lockout.failed(id);
                }
                return proved;
            }
        });
    }

    @Deactivate
    void deactivate() {
        http.unregister(CONTEXT);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Matcher user = USER.matcher(exchange.getRequestURI().getPath());
            if (!user.matches()) {
                throw new AcdRefusal(404, "Not Found", "uri", "No resource " + exchange.getRequestURI().getPath() + ".");
            }
            String id = user.group(1);
            if (!id.equals(exchange.getPrincipal().getUsername())) {
                throw new AcdRefusal(403, "Forbidden", "uri", "An agent reads and changes only their own User.");
            }
            String method = exchange.getRequestMethod();
            if (user.group(2) != null && method.equals("GET")) {
                AcdReasonCode.Category category = category(exchange.getRequestURI().getRawQuery());
                reply(exchange, 200, AcdXml.reasonCodes(directory.all(AcdReasonCode.class).stream()
                        .filter(code -> code.category() == category).sorted(java.util.Comparator.comparingInt(AcdReasonCode::code))
                        .toList()));
            } else if (user.group(2) == null && method.equals("GET") && acceptsEventStream(exchange)) {
                // The exchange stays open: the push channel writes it from now on.
                worker.run(() -> push.subscribe(exchange, agents.user(id)));
                return;
            } else if (user.group(2) == null && method.equals("GET")) {
                reply(exchange, 200, AcdXml.user(worker.call(() -> agents.user(id))));
            } else if (user.group(2) == null && method.equals("PUT")) {
                Map<String, String> request = AcdXml.userRequest(exchange.getRequestBody());
                worker.run(() -> change(id, request));
                exchange.sendResponseHeaders(202, -1);
            } else {
                throw new AcdRefusal(405, "Method Not Allowed", "method", method + " is not allowed here.");
            }
        } catch (AcdRefusal refusal) {
            reply(exchange, refusal.status, AcdXml.apiErrors(refusal));
        } catch (RuntimeException e) {
            reply(exchange, 500, AcdXml.apiErrors(new AcdRefusal(500, "Server Error", "", String.valueOf(e.getMessage()))));
        }
        exchange.close();
    }

    private void change(String id, Map<String, String> request) {
        String state = Optional.ofNullable(request.get("state")).orElse("");
        Optional<String> reasonCodeId = Optional.ofNullable(request.get("reasonCodeId"))
                .filter(reason -> !reason.isEmpty() && !reason.equals("-1"));
        switch (state) {
            case "" -> throw AcdRefusal.missing("state", "The User document names no state.");
            case "LOGIN" -> agents.login(id, request.getOrDefault("extension", ""));
            case "LOGOUT" -> agents.logout(id, reasonCodeId);
            default -> agents.change(id, Arrays.stream(AcdState.values()).filter(known -> known.name().equals(state))
                    .findFirst().orElseThrow(() -> AcdRefusal.invalidInput("state", state + " is not an agent state.")),
                    reasonCodeId);
        }
    }

    private static AcdReasonCode.Category category(String query) {
        Matcher category = CATEGORY.matcher(query == null ? "" : query);
        String name = category.find() ? URLDecoder.decode(category.group(1), StandardCharsets.UTF_8) : "";
        return Arrays.stream(AcdReasonCode.Category.values()).filter(known -> known.name().equals(name)).findFirst()
                .orElseThrow(() -> AcdRefusal.invalidInput("category", "category must be NOT_READY or LOGOUT."));
    }

    private static boolean acceptsEventStream(HttpExchange exchange) {
        return exchange.getRequestHeaders().getOrDefault("Accept", java.util.List.of()).stream()
                .anyMatch(accept -> accept.toLowerCase(Locale.ROOT).contains(AcdPush.EVENT_STREAM));
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        DeviceConfigurations.send(exchange, status, XML, xml);
    }
}
