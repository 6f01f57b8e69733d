package io.vtgoconnect.callmanager.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The call server's operator commands in scope {@code cm}: make a test endpoint call, answer or
 * hang up, and see registrations, calls and endpoints. Each runs on the server's worker and
 * answers with text; bad input gets one plain sentence. Without Gogo nobody calls them.
 */
@Component(service = ServerCommands.class, property = {
        CommandProcessor.COMMAND_SCOPE + "=cm",
        CommandProcessor.COMMAND_FUNCTION + "=call",
        CommandProcessor.COMMAND_FUNCTION + "=answer",
        CommandProcessor.COMMAND_FUNCTION + "=hangup",
        CommandProcessor.COMMAND_FUNCTION + "=status",
        CommandProcessor.COMMAND_FUNCTION + "=endpoints"})
@Descriptor("The embedded call server: test endpoints, registrations and calls.")
public class ServerCommands {
    /** What a SIP user part may hold unescaped, as phones dial. */
    private static final Pattern DIALLABLE = Pattern.compile("[0-9A-Za-z*#+._-]+");
    private static final String CALL_USAGE = "cm:call needs the calling test endpoint and the number to call: cm:call 2004 2001.";

    private final CallManager manager;

    @Activate
    public ServerCommands(@Reference CallManager manager) {
        this.manager = manager;
    }

    @Descriptor("A test endpoint calls a number through the server.")
    public String call(@Descriptor("the calling test endpoint, e.g. 2004") String from,
            @Descriptor("the number it calls, e.g. 2001") String to) {
        if (from.isBlank() || to.isBlank()) {
            return CALL_USAGE;
        }
        if (!DIALLABLE.matcher(to).matches()) {
            return "\"" + to + "\" is not a number to call: digits, letters and * # + . - _ only.";
        }
        return onWorker(() -> {
            if (manager.directory().endpoint(from).isEmpty()) {
                return notAnEndpoint(from);
            }
            manager.endpoints().call(from, to);
            return from + " is calling " + to + ".";
        });
    }

    public String call(String from) {
        return CALL_USAGE;
    }

    public String call() {
        return CALL_USAGE;
    }

    @Descriptor("A test endpoint answers the call ringing at it.")
    public String answer(@Descriptor("the test endpoint, e.g. 2006") String number) {
        return onWorker(() -> {
            if (manager.directory().endpoint(number).isEmpty()) {
                return notAnEndpoint(number);
            }
            return manager.endpoints().answer(number) ? number + " answered." : "No call is ringing at " + number + ".";
        });
    }

    public String answer() {
        return "cm:answer needs the test endpoint that answers: cm:answer 2006.";
    }

    @Descriptor("A test endpoint hangs up all its calls.")
    public String hangup(@Descriptor("the test endpoint, e.g. 2004") String number) {
        return onWorker(() -> {
            if (manager.directory().endpoint(number).isEmpty()) {
                return notAnEndpoint(number);
            }
            int ended = manager.endpoints().hangUp(number);
            return ended == 0 ? number + " has no call." : number + " hung up " + ended + (ended == 1 ? " call." : " calls.");
        });
    }

    public String hangup() {
        return "cm:hangup needs the test endpoint that hangs up: cm:hangup 2004.";
    }

    @Descriptor("Registered lines with their contacts and seconds left; calls with their legs, numbers and states.")
    public String status() {
        return onWorker(() -> ServerStatus.of(manager.server().registrar(), manager.server().board(), manager.endpoints().calls()));
    }

    @Descriptor("The test endpoints: numbers and behaviours.")
    public String endpoints() {
        return onWorker(() -> ServerStatus.endpoints(manager.directory()));
    }

    private static String notAnEndpoint(String number) {
        return number + " is not a test endpoint; cm:endpoints lists them.";
    }

    /** The command's answer, computed on the server's worker; a failure is one sentence. */
    private String onWorker(Callable<String> command) {
        SipServer server;
        try {
            server = manager.server();
        } catch (IllegalStateException down) {
            return down.getMessage();
        }
        try {
            return server.worker().call(command);
        } catch (RejectedExecutionException e) {
            return "The call server is stopped.";
        } catch (RuntimeException e) {
            return "The call server could not do it: " + e.getMessage() + ".";
        }
    }
}
