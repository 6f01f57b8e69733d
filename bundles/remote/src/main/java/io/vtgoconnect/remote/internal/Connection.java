package io.vtgoconnect.remote.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.json.Json;
import io.vtgoconnect.api.json.JsonException;
import io.vtgoconnect.api.rate.RateLimit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.websocket.CloseReason;

/**
 * One client of the remote API: who logged in, what it subscribed to, what it waits for, how fast
 * it sends, and what it is sent. Requests run one after another, in the order they came: a quick
 * one on the socket's thread when none is waiting before it, the others on the endpoint's threads
 * (never on the event feed's); events are filtered and queued here, never waited for.
 */
final class Connection {
    /** Events kept for a waitfor: those since the request before it began. */
    private static final int MAX_RECENT = 1000;
    private static final double DEFAULT_WAIT_SECONDS = 10;
    /** The scopes a client may run commands of: the phone's (the manual, EM, IPCC) and the call server's. */
    private static final List<String> SCOPES = List.of(CommandSpec.PHONE_SCOPE, "cm");
    /**
     * The phone's commands that cause its events at once, only ask its own worker (which takes one
     * command at a time) and never wait on the network: run on the socket's thread, a thread
     * hand-off less from the command to its first event. The others run on the endpoint's threads:
     * those that may take seconds (RunProgram, transfers, softkeys, EM, IPCC, cm:, login's hashing),
     * and those answered by the reply alone, whose rate matters more than their latency: the
     * socket's thread reads a connection's next request while one runs. A quick command holds the
     * socket's thread at most the phone's command timeout, should the phone's worker hang.
     */
    private static final Set<String> QUICK_COMMANDS = Set.of("MakeCall", "Snapshot", "OffHook", "OnHook", "Answer", "EndCall",
            "Hold", "Resume", "DTMF");
    /** What a farm view's page shows: every phone, so that any phone's HideProgram closes it. */
    private static final String EVERY_PHONE = "*";

    private final Outbox outbox;
    private final Commands commands;
    private final Supplier<List<RemoteUser>> users;
    private final RemoteSettings settings;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final RateLimit rate;
    private final Map<String, EventFilter> subscriptions = new ConcurrentHashMap<>();
    private final Deque<Recent> recent = new ArrayDeque<>();
    private final List<Wait> waits = new ArrayList<>();
    private volatile RemoteUser user;
    /** The phone whose window this connection's page shows, {@value #EVERY_PHONE} for a farm view, or null. */
    private volatile String window;
    private int loginFailures;
    private int subscriptionNumber;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    /** The phones whose audio level readings a subscription or a waitfor of this connection names ({@value MeterFeed#EVERY_PHONE}: all). */
    private volatile Set<String> meterPhones = Set.of();
    /** Told when {@link #meterPhones} may have changed. */
    private final Runnable meterDemandChanged;

    private record Recent(VtgoEvent event, String phone, String json) {
    }

    private record Wait(Object id, EventFilter filter, ScheduledFuture<?> timeout) {
    }

    Connection(Outbox outbox, Commands commands, Supplier<List<RemoteUser>> users, RemoteSettings settings, Executor executor,
            ScheduledExecutorService timer, Runnable meterDemandChanged) {
        this.outbox = outbox;
        this.meterDemandChanged = meterDemandChanged;
        this.commands = commands;
        this.users = users;
        this.settings = settings;
        this.executor = executor;
        this.timer = timer;
        this.rate = new RateLimit(settings.requests_per_second(), settings.request_burst());
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("kind", "hello");
        hello.put("api", "vtgoconnect");
        hello.put("version", 1);
        hello.put("login", List.of("password", "token"));
        outbox.send(Json.write(hello));
        timer.schedule(() -> {
            if (user == null) {
                outbox.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, ErrorCode.ERROR_ACCESS_DENIED.name()
                        + "(24) - No login within " + settings.login_timeout() + " s."));
            }
        }, settings.login_timeout(), TimeUnit.SECONDS);
    }

    /**
     * A message the client sent: parsed and checked here, then run in turn, here if it is quick and
     * nothing of this connection waits before it (the container hands a connection one message at a
     * time), else on the endpoint's threads.
     */
    void received(String text) {
        Map<?, ?> request;
        try {
            Object parsed = Json.read(text);
            if (!(parsed instanceof Map<?, ?> object)) {
                throw new JsonException("A request is a JSON object such as {\"id\":1,\"command\":\"Phones\"}.");
            }
            request = object;
        } catch (JsonException e) {
            reply(null, error(ErrorCode.ERROR_INVALID_COMMAND, e.getMessage()));
            return;
        }
        Object id = request.get("id");
        if (!rate.take()) {
            reply(id, error(ErrorCode.ERROR_LIMIT_EXCEEDED, "More than " + settings.requests_per_second()
                    + " requests a second: this one was not run; send more slowly."));
            return;
        }
        boolean quick = request.get("command") instanceof String command && isQuick(command);
        synchronized (this) {
            if (!quick || !tail.isDone()) {
                tail = tail.thenRunAsync(() -> handle(id, request), executor).exceptionally(failure -> null);
                return;
            }
        }
        handle(id, request);
    }

    private boolean isQuick(String command) {
        return commands.find(command).map(CommandSpec::typedName).filter(QUICK_COMMANDS::contains).isPresent();
    }

    private void handle(Object id, Map<?, ?> request) {
        try {
            if (!(request.get("command") instanceof String command) || command.isBlank()) {
                throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                        "A request names its command: {\"id\":1,\"command\":\"MakeCall\",\"phone\":\"phone1\",\"args\":[\"3001\"]}.");
            }
            if (command.equals("login")) {
                login(id, request);
                return;
            }
            RemoteUser who = user;
            if (who == null) {
                throw new CommandException(ErrorCode.ERROR_ACCESS_DENIED,
                        "Log in first: {\"id\":1,\"command\":\"login\",\"user\":\"name\",\"password\":\"...\"}.");
            }
            switch (command) {
                case "subscribe" -> reply(id, Map.of("result", Map.of("subscription", subscribe(EventFilter.of(request.get("filter"))))));
                case "unsubscribe" -> reply(id, Map.of("result", Map.of("subscription", unsubscribe(request.get("subscription")))));
                case "waitfor" -> waitFor(id, EventFilter.of(request.get("filter")), request.get("timeout"));
                case "window" -> reply(id, Map.of("result", Map.of("window", window(who, request.get("phone")))));
                default -> {
                    startRequest();
                    reply(id, Map.of("result", run(who, command, request.get("phone"), request.get("args"))));
                }
            }
        } catch (CommandException refusal) {
            reply(id, error(refusal.code(), refusal.getMessage()));
        } catch (RuntimeException e) {
            reply(id, error(ErrorCode.ERROR_INVALID_COMMAND, "The request failed: " + e.getMessage() + "."));
        }
    }

    private void login(Object id, Map<?, ?> request) {
        String name = request.get("user") instanceof String text ? text : "";
        Optional<RemoteUser> found;
        if (request.get("token") instanceof String token) {
            found = users.get().stream().filter(candidate -> (name.isEmpty() || candidate.name().equals(name))
                    && candidate.hasToken(token)).findFirst();
        } else if (request.get("password") instanceof String password) {
            found = users.get().stream().filter(candidate -> candidate.name().equals(name) && candidate.hasPassword(password))
                    .findFirst();
        } else {
            throw new CommandException(ErrorCode.ERROR_MISSING_PARAMETER,
                    "A login gives a user and a password, or a token: {\"command\":\"login\",\"token\":\"...\"}.");
        }
        if (found.isPresent()) {
            user = found.get();
            reply(id, Map.of("result", Map.of("user", found.get().name())));
            return;
        }
        int failures;
        synchronized (this) {
            failures = ++loginFailures;
        }
        boolean last = failures >= settings.login_attempts();
        timer.schedule(() -> {
            reply(id, error(ErrorCode.ERROR_ACCESS_DENIED, "Wrong user, password or token."));
            if (last) {
                outbox.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "ERROR_ACCESS_DENIED(24) - "
                        + failures + " wrong credentials."));
            }
        }, settings.login_delay(), TimeUnit.MILLISECONDS);
    }

    private Map<String, Object> run(RemoteUser who, String command, Object phoneValue, Object argsValue) {
        CommandSpec spec = commands.find(command).orElseThrow(() -> new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                "\"" + command + "\" is not a command; the phone's, EMLogin, IPCC and cm: commands are."));
        if (!SCOPES.contains(spec.scope())) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "\"" + command
                    + "\" is not a command of the remote API; the phone's, EMLogin, IPCC and cm: commands are.");
        }
        String phone = phone(who, phoneValue);
        List<String> arguments = new ArrayList<>();
        if (argsValue instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map || item instanceof List || item == null) {
                    throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "The args are a list of strings or numbers.");
                }
                arguments.add(String.valueOf(item));
            }
        } else if (argsValue != null) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "The args are a list of strings or numbers.");
        }
        CommandResult result = commands.run(phone, spec.typedName(), arguments);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("phone", phone);
        answer.put("output", result.output());
        answer.putAll(result.values());
        return answer;
    }

    /** The phone a request names, or the first the user may use; ERROR_ACCESS_DENIED for one they may not. */
    private String phone(RemoteUser who, Object phoneValue) {
        if (phoneValue != null && !(phoneValue instanceof String)) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "A phone is named by a string.");
        }
        String named = phoneValue == null ? "" : ((String) phoneValue).strip();
        if (named.isEmpty()) {
            named = commands.phones().stream().map(Phone::name).filter(who::mayUse).findFirst().orElse("");
        }
        if (!named.isEmpty() && !who.mayUse(named)) {
            throw new CommandException(ErrorCode.ERROR_ACCESS_DENIED, who.name() + " may not use phone " + named + ".");
        }
        return named;
    }

    /** The page of this connection shows the phone's window, or every phone's (no phone, or *): HideProgram closes it. */
    private String window(RemoteUser who, Object phoneValue) {
        String shown = EVERY_PHONE.equals(phoneValue) || phoneValue == null ? EVERY_PHONE : phone(who, phoneValue);
        window = shown;
        return shown;
    }

    /** Whether this connection's page shows the phone's window. */
    boolean showsWindowOf(String phone) {
        String shown = window;
        return shown != null && (shown.equals(EVERY_PHONE) || shown.equals(phone));
    }

    /** Closes the connection normally, with the reason its page shows. */
    void close(String reason) {
        outbox.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
    }

    private String subscribe(EventFilter filter) {
        String id;
        synchronized (this) {
            id = "s" + ++subscriptionNumber;
            subscriptions.put(id, filter);
        }
        meterDemand();
        return id;
    }

    private String unsubscribe(Object subscription) {
        if (subscription == null || subscriptions.remove(String.valueOf(subscription)) == null) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "There is no subscription " + subscription + ".");
        }
        meterDemand();
        return String.valueOf(subscription);
    }

    /** The phones whose audio level readings a subscription or a waitfor of this connection takes. */
    Set<String> meterPhones() {
        return meterPhones;
    }

    /** Works out again which phones' readings this connection asks for, and tells the endpoint (never under this lock). */
    private void meterDemand() {
        synchronized (this) {
            meterPhones = Stream.concat(subscriptions.values().stream(), waits.stream().map(Wait::filter))
                    .filter(EventFilter::namesMeter)
                    .flatMap(filter -> filter.phones().isEmpty() ? Stream.of(MeterFeed.EVERY_PHONE) : filter.phones().stream())
                    .collect(Collectors.toUnmodifiableSet());
        }
        meterDemandChanged.run();
    }

    /** A request other than waitfor begins: a waitfor after it matches only the events from now on. */
    private synchronized void startRequest() {
        recent.clear();
    }

    /**
     * Answers with the first event that matches, of those since the request before began (or since
     * the last wait's match), or of those to come, or that none came in time.
     */
    private void waitFor(Object id, EventFilter filter, Object timeoutValue) {
        double seconds = timeoutValue == null ? DEFAULT_WAIT_SECONDS : timeoutValue instanceof Number number
                ? number.doubleValue() : -1;
        if (!(seconds > 0 && seconds <= settings.max_wait())) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "\"" + timeoutValue + "\" is not a number of seconds "
                    + "between 0 and " + settings.max_wait() + ".");
        }
        synchronized (this) {
            while (!recent.isEmpty()) {
                Recent event = recent.removeFirst();
                if (filter.matches(event.event(), event.phone())) {
                    replyEvent(id, event.json());
                    return;
                }
            }
            Wait[] wait = new Wait[1];
            ScheduledFuture<?> timeout = timer.schedule(() -> {
                synchronized (this) {
                    if (!waits.remove(wait[0])) {
                        return;
                    }
                }
                waitEnded(filter);
                reply(id, Map.of("timeout", "no event matched within " + format(seconds) + " s."));
            }, Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
            wait[0] = new Wait(id, filter, timeout);
            waits.add(wait[0]);
        }
        if (filter.namesMeter()) {
            meterDemand();
        }
    }

    private void waitEnded(EventFilter filter) {
        if (filter.namesMeter()) {
            meterDemand();
        }
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /**
     * An event of the phone, as JSON (written once, when first asked for): sent when a subscription
     * takes it, kept for a waitfor, or answering one. An audio level reading is never kept: five a
     * second for each call would push the events a waitfor looks for out of those kept.
     */
    void event(VtgoEvent event, String phone, Supplier<String> json) {
        RemoteUser who = user;
        if (who == null || !who.mayUse(phone) && !phone.isEmpty()) {
            return;
        }
        if (subscriptions.values().stream().anyMatch(filter -> filter.matches(event, phone))) {
            outbox.send(json.get());
        }
        List<Wait> answered = new ArrayList<>();
        synchronized (this) {
            Iterator<Wait> pending = waits.iterator();
            boolean taken = false;
            while (pending.hasNext()) {
                Wait wait = pending.next();
                if (wait.filter().matches(event, phone)) {
                    pending.remove();
                    answered.add(wait);
                    taken = true;
                }
            }
            if (!taken && !event.topic().startsWith(EventTopics.METER)) {
                if (recent.size() == MAX_RECENT) {
                    recent.removeFirst();
                }
                recent.addLast(new Recent(event, phone, json.get()));
            }
        }
        for (Wait wait : answered) {
            wait.timeout().cancel(false);
            replyEvent(wait.id(), json.get());
            // Not on this thread, which may be the phone's: the demand for readings changes services.
            timer.execute(() -> waitEnded(wait.filter()));
        }
    }

    /** A waitfor's answer: the event, as the JSON every connection is sent. */
    private void replyEvent(Object id, String eventJson) {
        outbox.send("{\"kind\":\"reply\",\"id\":" + Json.write(plain(id)) + ",\"result\":{\"event\":" + eventJson + "}}");
    }

    private static Map<String, Object> error(ErrorCode code, String sentence) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", code.name());
        error.put("code", code.code());
        error.put("message", sentence);
        error.put("text", code.format(sentence));
        return Map.of("error", error);
    }

    private void reply(Object id, Map<String, Object> answer) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("kind", "reply");
        reply.put("id", plain(id));
        reply.putAll(answer);
        outbox.send(Json.write(reply));
    }

    /** A request's id as it is answered: a string or a number as given, anything else null. */
    private static Object plain(Object id) {
        return id instanceof Map || id instanceof List ? null : id;
    }

    void closed() {
        synchronized (this) {
            waits.forEach(wait -> wait.timeout().cancel(false));
            waits.clear();
            recent.clear();
        }
    }
}
