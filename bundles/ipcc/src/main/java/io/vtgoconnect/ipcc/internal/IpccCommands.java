package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.Invocation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * IPCCLogin, IPCCLogout and IPCCState, present only while this bundle is. Each phone has an agent of
 * its own (agent 7 logs in at phone 7's extension, from phone 7), whose events carry the phone's
 * name. Each refusal is the manual's error; what the ACD confirms arrives as IPCC events.
 */
@Component(service = CommandProvider.class, configurationPid = IpccSettings.PID)
@Designate(ocd = IpccSettings.class)
public class IpccCommands implements CommandProvider {
    private static final String LOGIN_USAGE = "IPCCLogin agentID password extension";

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vtgo-ipcc");
        thread.setDaemon(true);
        return thread;
    });
    private final EventAdmin events;
    private final FinesseClient client;
    private final IpccAgent.Mode mode;
    private final Duration pollInterval;
    /** The agent of each phone, by the phone's name, made at its first command. */
    private final Map<String, IpccAgent> agents = new ConcurrentHashMap<>();

    @Activate
    public IpccCommands(@Reference EventAdmin events, IpccSettings settings, @Reference LoggerFactory logs) {
        this.events = events;
        Duration timeout = Duration.ofSeconds(Math.max(1, settings.timeout()));
        this.client = new FinesseClient(URI.create(settings.server_url().strip()), timeout);
        this.mode = mode(settings.mode(), logs.getLogger(IpccCommands.class));
        this.pollInterval = Duration.ofMillis(settings.poll_interval());
    }

    private static IpccAgent.Mode mode(String mode, Logger log) {
        if (mode.strip().equalsIgnoreCase("poll")) {
            return IpccAgent.Mode.POLL;
        }
        if (!mode.strip().equalsIgnoreCase("push")) {
            log.warn("IPCC mode \"{}\" is neither push nor poll; the state is pushed.", mode);
        }
        return IpccAgent.Mode.PUSH;
    }

    @Deactivate
    void deactivate() {
        agents.values().forEach(IpccAgent::close);
        executor.shutdownNow();
    }

    @Override
    public List<Command> commands() {
        return List.of(
                Command.phone("IPCCLogin", "Initiates login to IPCC ACD system using specified agent ID, agent password "
                        + "and extension. The IPCC server is the agent API set in io.vtgoconnect.ipcc (server.url), the "
                        + "embedded call server's ACD unless told. Error message ERROR_IPCC_LOGIN will be generated if login "
                        + "failed. Successful login will be followed by IPCC agent state message, showing \"logged in\" "
                        + "(\"not ready\") state. Example: IPCCLogin agent21 mypassword 2001",
                        List.of("agentID", "password", "extension"), 3, this::login),
                Command.phone("IPCCLogout", "Initiates logout sequence. Depending on how IPCC is configured, logout reason "
                        + "might be required to actually logout. If logout is successful, new agent state (\"logged out\") "
                        + "will be displayed. If logout is not successful and reason code is required, list of configured "
                        + "reason codes will be displayed. Example: IPCCLogout 1", List.of("reason"), 0, call -> {
                            agent(call).logout(call.optional(0));
                            return CommandResult.NONE;
                        }),
                Command.phone("IPCCState", "If no state is specified, queries and displays current agent state. If state "
                        + "is specified, initiates state change sequence. Valid state values are ready, notready, work, "
                        + "workready, worknotready. State change will be followed by state change message that shows new "
                        + "state. Depending on how IPCC is configured, reason code might be required when changing state to "
                        + "notready. If state change to notready is not successful due to required reason code, list of "
                        + "configured notready reason codes will be displayed. Example: IPCCState ready or IPCCState "
                        + "notready 2", List.of("state", "reason"), 0, this::state));
    }

    /** The agent of the phone the command acts on. */
    private IpccAgent agent(Invocation call) {
        String phone = call.phone().name();
        return agents.computeIfAbsent(phone, name -> new IpccAgent(name, client, events, executor, mode, pollInterval));
    }

    private CommandResult login(Invocation call) {
        requireGiven(call.argument(0), "an agentID");
        requireGiven(call.argument(2), "an extension");
        agent(call).login(call.argument(0).strip(), call.argument(1), call.argument(2).strip());
        return CommandResult.NONE;
    }

    private CommandResult state(Invocation call) {
        Optional<String> state = call.optional(0);
        if (state.isEmpty()) {
            agent(call).queryState();
        } else {
            agent(call).changeState(IpccAgent.Request.of(state.get()), call.optional(1));
        }
        return CommandResult.NONE;
    }

    private static void requireGiven(String argument, String what) {
        if (argument.isBlank()) {
            throw new CommandException(ErrorCode.ERROR_MISSING_PARAMETER, "IPCCLogin needs " + what + ": " + LOGIN_USAGE + ".");
        }
    }
}
