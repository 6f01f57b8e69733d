package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoint;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoints;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The call server's operator commands in scope {@code cm}, offered to the command registry: make a
 * test endpoint call, answer or hang up, and see registrations, calls and endpoints. Each runs on
 * the server's worker and answers with text; bad input gets one plain sentence. While the server or
 * its test endpoints are not running, they say so (the log says why).
 */
@Component(immediate = true, service = CommandProvider.class)
public class ServerCommands implements CommandProvider {
    private static final String SCOPE = "cm";
    /** What a SIP user part may hold unescaped, as phones dial. */
    private static final Pattern DIALLABLE = Pattern.compile("[0-9A-Za-z*#+._-]+");
    private static final String CALL_USAGE = "cm:call needs the calling test endpoint and the number to call: cm:call 2004 2001.";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallManager manager;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TestEndpoints endpoints;

    public ServerCommands() {
    }

    /** The commands of the running server and its endpoints (either may be null: not running). */
    public ServerCommands(CallManager manager, TestEndpoints endpoints) {
        this.manager = manager;
        this.endpoints = endpoints;
    }

    @Override
    public List<Command> commands() {
        String endpoint = "the test endpoint, e.g. 2004";
        return List.of(
                command("call", "A test endpoint calls a number through the server.",
                        List.of("the calling test endpoint, e.g. 2004", "the number it calls, e.g. 2001"),
                        call -> call.arguments().size() < 2 ? call() : call(call.argument(0), call.argument(1))),
                command("answer", "A test endpoint answers the call ringing at it.", List.of("the test endpoint, e.g. 2006"),
                        call -> call.arguments().isEmpty() ? answer() : answer(call.argument(0))),
                command("hangup", "A test endpoint hangs up all its calls.", List.of(endpoint),
                        call -> call.arguments().isEmpty() ? hangup() : hangup(call.argument(0))),
                command("status", "Registered lines with their contacts and seconds left; calls with their legs, numbers "
                        + "and states; RTP packets sent and overload since the start.", List.of(), call -> status()),
                command("endpoints", "The test endpoints: numbers and behaviours.", List.of(), call -> endpoints()));
    }

    /** A command that answers one text, its arguments all optional (a missing one is answered with the usage). */
    private static Command command(String name, String description, List<String> parameters,
            Function<Invocation, String> answer) {
        return new Command(new CommandSpec(SCOPE, name, description, parameters, 0),
                call -> CommandResult.of(answer.apply(call)));
    }

    public String call(String from, String to) {
        if (from.isBlank() || to.isBlank()) {
            return CALL_USAGE;
        }
        if (!DIALLABLE.matcher(to).matches()) {
            return "\"" + to + "\" is not a number to call: digits, letters and * # + . - _ only.";
        }
        return onEndpoints((server, endpoints) -> {
            if (server.directory().find(TestEndpoint.class, from).isEmpty()) {
                return notAnEndpoint(from);
            }
            endpoints.call(from, to);
            return from + " is calling " + to + ".";
        });
    }

    public String call() {
        return CALL_USAGE;
    }

    public String answer(String number) {
        return onEndpoints((server, endpoints) -> {
            if (server.directory().find(TestEndpoint.class, number).isEmpty()) {
                return notAnEndpoint(number);
            }
            return endpoints.answer(number) ? number + " answered." : "No call is ringing at " + number + ".";
        });
    }

    public String answer() {
        return "cm:answer needs the test endpoint that answers: cm:answer 2006.";
    }

    public String hangup(String number) {
        return onEndpoints((server, endpoints) -> {
            if (server.directory().find(TestEndpoint.class, number).isEmpty()) {
                return notAnEndpoint(number);
            }
            int ended = endpoints.hangUp(number);
            return ended == 0 ? number + " has no call." : number + " hung up " + ended + (ended == 1 ? " call." : " calls.");
        });
    }

    public String hangup() {
        return "cm:hangup needs the test endpoint that hangs up: cm:hangup 2004.";
    }

    public String status() {
        TestEndpoints running = endpoints;
        return onWorker(server -> ServerStatus.of(server.registrar(), server.board(),
                running == null ? java.util.List.of() : running.calls())
                + ServerStatus.media(server.server().rtpPacketsSent())
                + ServerStatus.overload(server.server().refusedForOverload(), server.server().datagramsDropped()));
    }

    public String endpoints() {
        return onWorker(server -> ServerStatus.endpoints(server.directory()));
    }

    private static String notAnEndpoint(String number) {
        return number + " is not a test endpoint; cm:endpoints lists them.";
    }

    /** What a command does with the server and its test endpoints. */
    private interface EndpointCommand {
        String run(CallManager server, TestEndpoints endpoints) throws Exception;
    }

    private String onEndpoints(EndpointCommand command) {
        TestEndpoints running = endpoints;
        if (running == null) {
            return "The call server's test endpoints are not running; the log says why.";
        }
        return onWorker(server -> command.run(server, running));
    }

    /** What a command does with the server. */
    private interface WorkerCommand {
        String run(CallManager server) throws Exception;
    }

    /** The command's answer, computed on the server's worker; a failure is one sentence. */
    private String onWorker(WorkerCommand command) {
        CallManager server = manager;
        if (server == null) {
            return "The call server is not running; the log says why.";
        }
        try {
            return server.worker().call(() -> command.run(server));
        } catch (RejectedExecutionException e) {
            return "The call server is stopped.";
        } catch (RuntimeException e) {
            return "The call server could not do it: " + e.getMessage() + ".";
        }
    }
}
