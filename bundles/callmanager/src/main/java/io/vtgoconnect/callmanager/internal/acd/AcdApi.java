package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.CallManager;
import io.vtgoconnect.callmanager.internal.ServerSettings;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.http.Http;
import io.vtgoconnect.callmanager.internal.http.Lockout;
import io.vtgoconnect.sipstack.SerialWorker;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The agent API, as Cisco Finesse's REST API, under {@value #CONTEXT} on the call server's HTTP port,
 * each agent authenticated as themselves (HTTP Basic; credentials missing, malformed or wrong are
 * 401, and an agent who fails too often is locked for a while, see {@link Lockout}):
 * {@code GET /finesse/api/User/{id}} (with {@code Accept: text/event-stream}, the push channel, see
 * {@link AcdPush}), {@code PUT} of the same with a User document (state LOGIN with an extension,
 * LOGOUT, READY, NOT_READY, WORK, WORK_READY, WORK_NOT_READY, a reasonCodeId), accepted with 202
 * and then published, and {@code GET /finesse/api/User/{id}/ReasonCodes?category=NOT_READY|LOGOUT}.
 * Refusals are ApiErrors.
 */
@Component(immediate = true, service = Servlet.class, configurationPid = ServerSettings.PID)
@HttpWhiteboardServletPattern(AcdApi.CONTEXT + "/*")
@HttpWhiteboardServletName(Http.AGENT_API)
@HttpWhiteboardServletAsyncSupported
public final class AcdApi extends HttpServlet {
    public static final String CONTEXT = "/finesse";
    static final String USERS = CONTEXT + "/api/User/";
    static final String REASON_CODES = CONTEXT + "/api/ReasonCode/";
    private static final long serialVersionUID = 1L;
    private static final String REALM = "finesse";
    private static final Pattern USER = Pattern.compile("^" + Pattern.quote(USERS) + "([^/]+)(/ReasonCodes)?/?$");
    private static final Pattern CATEGORY = Pattern.compile("(?:^|&)category=([^&]*)");
    private static final String XML = "application/xml";

    private final transient Directory directory;
    private final transient AcdAgents agents;
    private final transient AcdPush push;
    private final transient SerialWorker worker;
    private final transient Lockout lockout;

    @Activate
    public AcdApi(@Reference CallManager server, @Reference AcdAgents agents, @Reference AcdPush push, ServerSettings settings) {
        this.directory = server.directory();
        this.agents = agents;
        this.push = push;
        this.worker = server.worker();
        this.lockout = CallManager.lockout(settings);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String id = authenticated(request);
            Matcher user = USER.matcher(request.getRequestURI().substring(request.getContextPath().length()));
            if (!user.matches()) {
                throw new AcdRefusal(404, "Not Found", "uri", "No resource " + request.getRequestURI() + ".");
            }
            if (!user.group(1).equals(id)) {
                throw new AcdRefusal(403, "Forbidden", "uri", "An agent reads and changes only their own User.");
            }
            String method = request.getMethod();
            if (user.group(2) != null && method.equals("GET")) {
                AcdReasonCode.Category category = category(request.getQueryString());
                reply(response, 200, AcdXml.reasonCodes(directory.all(AcdReasonCode.class).stream()
                        .filter(code -> code.category() == category).sorted(Comparator.comparingInt(AcdReasonCode::code))
                        .toList()));
            } else if (user.group(2) == null && method.equals("GET") && acceptsEventStream(request)) {
                // The request stays open: the push channel writes it from now on.
                AsyncContext stream = request.startAsync();
                stream.setTimeout(0);
                worker.run(() -> push.subscribe(stream, agents.user(id)));
            } else if (user.group(2) == null && method.equals("GET")) {
                reply(response, 200, AcdXml.user(worker.call(() -> agents.user(id))));
            } else if (user.group(2) == null && method.equals("PUT")) {
                Map<String, String> document = AcdXml.userRequest(Http.body(request));
                worker.run(() -> change(id, document));
                response.setStatus(HttpServletResponse.SC_ACCEPTED);
            } else {
                throw new AcdRefusal(405, "Method Not Allowed", "method", method + " is not allowed here.");
            }
        } catch (Unauthorized refusal) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            reply(response, 401, AcdXml.apiErrors(refusal.refusal));
        } catch (AcdRefusal refusal) {
            reply(response, refusal.status, AcdXml.apiErrors(refusal));
        } catch (Http.TooLarge e) {
            reply(response, 413, AcdXml.apiErrors(new AcdRefusal(413, "Invalid Input", "User", e.getMessage())));
        } catch (RuntimeException e) {
            reply(response, 500, AcdXml.apiErrors(new AcdRefusal(500, "Server Error", "", String.valueOf(e.getMessage()))));
        }
    }

    /** Credentials that are missing, malformed, wrong or of a locked agent: 401. */
    private static final class Unauthorized extends Exception {
        private static final long serialVersionUID = 1L;
        final transient AcdRefusal refusal;

        Unauthorized(String message) {
            super(message, null, false, false);
            this.refusal = new AcdRefusal(401, "Unauthorized", "Authorization", message);
        }
    }

    /** The agent the request's credentials prove. */
    private String authenticated(HttpServletRequest request) throws Unauthorized {
        Optional<Http.Credentials> given = Http.basic(request);
        if (given.isEmpty()) {
            throw new Unauthorized("The request needs the agent's credentials (HTTP Basic).");
        }
        String id = given.get().user();
        long locked = lockout.lockedSeconds(id);
        if (locked > 0) {
            throw new Unauthorized(id + " is locked after too many failed attempts; try again in " + locked + " s.");
        }
        if (directory.find(AcdAgent.class, id).filter(agent -> agent.password().matches(given.get().password())).isEmpty()) {
            throw new Unauthorized(lockout.failed(id) ? id + " is locked after too many failed attempts."
                    : "Wrong agent or password.");
        }
        lockout.succeeded(id);
        return id;
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

    private static boolean acceptsEventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(AcdPush.EVENT_STREAM);
    }

    private static void reply(HttpServletResponse response, int status, String xml) throws IOException {
        Http.send(response, status, XML, xml);
    }
}
