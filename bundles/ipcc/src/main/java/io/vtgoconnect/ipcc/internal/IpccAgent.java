package io.vtgoconnect.ipcc.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_IPCC_CHANGE_STATE;
import static io.vtgoconnect.api.ErrorCode.ERROR_IPCC_LOGIN;
import static io.vtgoconnect.api.ErrorCode.ERROR_IPCC_LOGOUT;

import io.vtgoconnect.api.AgentState;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.event.AgentStateUpdate;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.LogoutReasonCode;
import io.vtgoconnect.api.event.NotReadyReasonCode;
import io.vtgoconnect.api.event.VtgoEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The contact-centre agent logged in through this phone, as the IPCC commands see them. Requests
 * go to the agent API, which accepts them and confirms later: the state the ACD confirms comes
 * back on the push channel, or by polling, and is posted as the manual's event once per change.
 * A change refused for want of a reason posts the state with the refusal and the reasons to
 * choose from. Events are posted from one thread, in order. The password is kept in memory while
 * the agent is logged in, and is never part of an answer.
 */
final class IpccAgent implements AutoCloseable {
    static final String NOT_READY_REASON_REQUIRED = "not ready reason required to go to not ready state";
    static final String LOGOUT_REASON_REQUIRED = "Logout reason required to logout";
    private static final String NOT_READY = "NOT_READY";
    private static final String LOGOUT = "LOGOUT";

    /** How the agent's state is followed. */
    enum Mode {
        PUSH,
        POLL
    }

    /** The states an agent may ask for, by the word IPCCState takes. */
    enum Request {
        READY("ready", "READY", AgentState.READY),
        NOT_READY("notready", "NOT_READY", AgentState.NOT_READY),
        WORK("work", "WORK", AgentState.WORK),
        WORK_READY("workready", "WORK_READY", AgentState.WORK_READY),
        WORK_NOT_READY("worknotready", "WORK_NOT_READY", AgentState.WORK_NOT_READY);

        final String word;
        final String finesseState;
        final AgentState state;

        Request(String word, String finesseState, AgentState state) {
            this.word = word;
            this.finesseState = finesseState;
            this.state = state;
        }

        /** The request the word names, in any letter case; ERROR_IPCC_INVALID_STATE for any other word. */
        static Request of(String word) {
            for (Request request : values()) {
                if (request.word.equalsIgnoreCase(word)) {
                    return request;
                }
            }
            throw new CommandException(ErrorCode.ERROR_IPCC_INVALID_STATE, "\"" + word + "\" is not an agent state; valid "
                    + "states are ready, notready, work, workready, worknotready.");
        }
    }

    private final String phone;
    private final FinesseClient client;
    private final EventAdmin events;
    private final ScheduledExecutorService executor;
    private final Mode mode;
    private final Duration pollInterval;
    private final AtomicReference<Session> session = new AtomicReference<>();

    /** One login: who, how their state is followed, the state last posted and the reason codes fetched. */
    private static final class Session {
        final Credentials agent;
        final Map<String, List<FinesseXml.ReasonCode>> reasonCodes = new ConcurrentHashMap<>();
        volatile AgentState posted = AgentState.LOGGED_OUT;
        volatile StateFeed feed;
        volatile boolean ended;
        /** The ACD confirmed the login: a Logged Out seen from now on ends the session. */
        boolean loggedIn;

        Session(Credentials agent) {
            this.agent = agent;
        }
    }

    /**
     * @param phone the name of the phone the agent works at, which its events carry (empty: none)
     * @param executor posts the events and follows the state; the caller shuts it down
     */
    IpccAgent(String phone, FinesseClient client, EventAdmin events, ScheduledExecutorService executor, Mode mode,
            Duration pollInterval) {
        this.phone = phone;
        this.client = client;
        this.events = events;
        this.executor = executor;
        this.mode = mode;
        this.pollInterval = pollInterval;
    }

    /** IPCCLogin: the state the ACD confirms (Not Ready) follows as an event. */
    synchronized void login(String agentId, String password, String extension) {
        Session current = session.get();
        if (current != null) {
            throw new CommandException(ERROR_IPCC_LOGIN, "Agent " + current.agent.agentId()
                    + " is logged in already; log out first with IPCCLogout.");
        }
        Credentials agent = new Credentials(agentId, password);
        put(agent, FinesseXml.userRequest("LOGIN", "extension", extension), ERROR_IPCC_LOGIN, "log in " + agentId);
        Session started = new Session(agent);
        session.set(started);
        follow(started);
    }

    /** IPCCLogout [reason]: Logged Out follows; without a reason the ACD may require, the reasons are listed. */
    synchronized void logout(Optional<String> reason) {
        Session current = loggedIn(ERROR_IPCC_LOGOUT);
        Optional<String> reasonCodeId = reasonCodeId(current, LOGOUT, reason, ERROR_IPCC_LOGOUT);
        change(current, LOGOUT, reasonCodeId, ERROR_IPCC_LOGOUT, "log out", LOGOUT_REASON_REQUIRED);
    }

    /** IPCCState state [reason]: the new state follows; notready without a reason the ACD requires lists the reasons. */
    synchronized void changeState(Request request, Optional<String> reason) {
        if (reason.isPresent() && request != Request.NOT_READY) {
            throw new CommandException(ERROR_IPCC_CHANGE_STATE, "Only notready takes a reason code.");
        }
        Session current = loggedIn(ERROR_IPCC_CHANGE_STATE);
        Optional<String> reasonCodeId = reasonCodeId(current, NOT_READY, reason, ERROR_IPCC_CHANGE_STATE);
        AgentState before = current.posted;
        if (change(current, request.finesseState, reasonCodeId, ERROR_IPCC_CHANGE_STATE, "go " + request.word,
                NOT_READY_REASON_REQUIRED) && before == request.state) {
            // The ACD confirms no change: the agent still sees where they are.
            post(new AgentStateUpdate(before));
        }
    }

    /** IPCCState: the agent's state now, as the ACD says (Logged Out when nobody logged in here). */
    void queryState() {
        Session current = session.get();
        if (current == null) {
            post(new AgentStateUpdate(AgentState.LOGGED_OUT));
            return;
        }
        AgentState state;
        try {
            state = FinesseXml.state(client.user(current.agent));
        } catch (IOException e) {
            state = AgentState.UNAVAILABLE;
        } catch (FinesseClient.Refusal e) {
            throw refused(ERROR_IPCC_CHANGE_STATE, "tell the state of " + current.agent.agentId(), current.agent, e);
        } catch (IllegalArgumentException unreadable) {
            state = AgentState.UNKNOWN;
        } catch (InterruptedException e) {
            throw interrupted(ERROR_IPCC_CHANGE_STATE);
        }
        AgentState now = state;
        executor.execute(() -> {
            current.posted = now;
            postNow(new AgentStateUpdate(now));
        });
    }

    private Session loggedIn(ErrorCode code) {
        Session current = session.get();
        if (current == null) {
            throw new CommandException(code, "No agent is logged in; log in with IPCCLogin first.");
        }
        return current;
    }

    /**
     * PUTs the state; a refusal for want of a reason posts the state with the refusal and the
     * reasons of the category. @return whether the ACD accepted the change
     */
    private boolean change(Session current, String state, Optional<String> reasonCodeId, ErrorCode code, String action,
            String reasonRequired) {
        String request = reasonCodeId.map(id -> FinesseXml.userRequest(state, "reasonCodeId", id))
                .orElseGet(() -> FinesseXml.userRequest(state));
        try {
            client.put(current.agent, request);
            return true;
        } catch (FinesseClient.Refusal e) {
            if (e.error.filter(FinesseXml.ApiError::isReasonRequired).isEmpty()) {
                throw refused(code, action, current.agent, e);
            }
        } catch (IOException e) {
            throw unreachable(code, e);
        } catch (InterruptedException e) {
            throw interrupted(code);
        }
        String category = state.equals(LOGOUT) ? LOGOUT : NOT_READY;
        List<FinesseXml.ReasonCode> reasons = reasonCodes(current, category, code);
        post(new AgentStateUpdate(current.posted, reasonRequired));
        for (FinesseXml.ReasonCode reason : reasons) {
            post(category.equals(LOGOUT) ? new LogoutReasonCode(reason.code(), reason.label())
                    : new NotReadyReasonCode(reason.code(), reason.label()));
        }
        return false;
    }

    private void put(Credentials agent, String request, ErrorCode code, String action) {
        try {
            client.put(agent, request);
        } catch (FinesseClient.Refusal e) {
            throw refused(code, action, agent, e);
        } catch (IOException e) {
            throw unreachable(code, e);
        } catch (InterruptedException e) {
            throw interrupted(code);
        }
    }

    /** The id of the reason code with the number the agent gave, from the server's list. */
    private Optional<String> reasonCodeId(Session current, String category, Optional<String> reason, ErrorCode code) {
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        int number;
        try {
            number = Integer.parseInt(reason.get().strip());
        } catch (NumberFormatException e) {
            throw new CommandException(code, "\"" + reason.get() + "\" is not a reason code; give its number, e.g. "
                    + (category.equals(LOGOUT) ? "IPCCLogout 1." : "IPCCState notready 2."));
        }
        List<FinesseXml.ReasonCode> reasons = reasonCodes(current, category, code);
        return Optional.of(reasons.stream().filter(known -> known.code() == number).findFirst()
                .orElseThrow(() -> new CommandException(code, number + " is not a " + (category.equals(LOGOUT) ? "logout"
                        : "not ready") + " reason code of the IPCC server; its codes are " + reasons.stream()
                        .map(known -> known.code() + " - " + known.label()).collect(Collectors.joining(", ")) + "."))
                .id());
    }

    /** The reason codes of the category, fetched once a login. */
    private List<FinesseXml.ReasonCode> reasonCodes(Session current, String category, ErrorCode code) {
        List<FinesseXml.ReasonCode> known = current.reasonCodes.get(category);
        if (known != null) {
            return known;
        }
        try {
            List<FinesseXml.ReasonCode> fetched = client.reasonCodes(current.agent, category);
            current.reasonCodes.put(category, fetched);
            return fetched;
        } catch (FinesseClient.Refusal e) {
            throw refused(code, "list the " + category + " reason codes", current.agent, e);
        } catch (IOException e) {
            throw unreachable(code, e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(code, "The IPCC server's reason codes cannot be read: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            throw interrupted(code);
        }
    }

    // ---- the state the ACD confirms

    private void follow(Session current) {
        Consumer<AgentState> states = state -> executor.execute(() -> confirmed(current, state));
        Supplier<StateFeed> polling = () -> new PollFeed(client, current.agent, executor, pollInterval, states);
        StateFeed feed = mode == Mode.POLL ? polling.get() : new PushFeed(client, current.agent, executor, states, polling);
        current.feed = feed;
        if (current.ended) {
            feed.close();
        }
    }

    /** A state the ACD confirmed: posted when it changed; Logged Out after a login ends the session. Runs on the executor. */
    private void confirmed(Session current, AgentState state) {
        if (current.ended) {
            return;
        }
        if (state != current.posted) {
            current.posted = state;
            postNow(new AgentStateUpdate(state));
        }
        if (state == AgentState.LOGGED_OUT && current.loggedIn) {
            end(current);
        } else if (state != AgentState.LOGGED_OUT && state != AgentState.UNAVAILABLE && state != AgentState.UNKNOWN) {
            current.loggedIn = true;
        }
    }

    private void end(Session current) {
        current.ended = true;
        session.compareAndSet(current, null);
        StateFeed feed = current.feed;
        if (feed != null) {
            feed.close();
        }
    }

    // ---- answers

    private void post(VtgoEvent event) {
        executor.execute(() -> postNow(event));
    }

    private void postNow(VtgoEvent event) {
        long now = System.currentTimeMillis();
        events.postEvent(new Event(event.topic(), phone.isEmpty() ? EventProperties.of(event, now)
                : EventProperties.of(event, now, phone)));
    }

    private static CommandException refused(ErrorCode code, String action, Credentials agent, FinesseClient.Refusal e) {
        if (e.status == 401) {
            return new CommandException(code, "The IPCC server did not accept agent " + agent.agentId()
                    + " with that password.");
        }
        return new CommandException(code, e.error.map(error -> "The IPCC server refused to " + action + ": "
                + sentence(error.message())).orElse("The IPCC server answered HTTP " + e.status + " when asked to " + action + "."));
    }

    private CommandException unreachable(ErrorCode code, IOException e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new CommandException(code, "The IPCC server at " + client.base() + " cannot be reached (" + reason + ").");
    }

    private static CommandException interrupted(ErrorCode code) {
        Thread.currentThread().interrupt();
        return new CommandException(code, "Interrupted while waiting for the IPCC server.");
    }

    private static String sentence(String message) {
        String text = message.strip();
        return text.endsWith(".") ? text : text + ".";
    }

    /** Stops following the agent, who stays logged in at the ACD. */
    @Override
    public void close() {
        Session current = session.getAndSet(null);
        if (current != null) {
            end(current);
        }
    }
}
