package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.shell.ShellSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * IPCCLogin, IPCCLogout and IPCCState in scope {@code vtgo}: present only while this bundle is.
 * Each refusal is the manual's error; what the ACD confirms arrives as IPCC events.
 */
@Component(service = IpccCommands.class, configurationPid = IpccSettings.PID, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=IPCCLogin",
        CommandProcessor.COMMAND_FUNCTION + "=IPCCLogout",
        CommandProcessor.COMMAND_FUNCTION + "=IPCCState"})
@Designate(ocd = IpccSettings.class)
public class IpccCommands {
    private static final String LOGIN_USAGE = "IPCCLogin agentID password extension";

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vtgo-ipcc");
        thread.setDaemon(true);
        return thread;
    });
    private final IpccAgent agent;

    @Activate
    public IpccCommands(@Reference EventAdmin events, IpccSettings settings) {
        Duration timeout = Duration.ofSeconds(Math.max(1, settings.timeout()));
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(timeout).build();
        agent = new IpccAgent(new FinesseClient(http, URI.create(settings.server_url().strip()), timeout), events, executor,
                mode(settings.mode()), Duration.ofMillis(settings.poll_interval()));
    }

    private static IpccAgent.Mode mode(String mode) {
        if (mode.strip().equalsIgnoreCase("poll")) {
            return IpccAgent.Mode.POLL;
        }
        if (!mode.strip().equalsIgnoreCase("push")) {
            System.err.println("VTGOConnect IPCC: mode \"" + mode + "\" is neither push nor poll; the state is pushed.");
        }
        return IpccAgent.Mode.PUSH;
    }

    @Deactivate
    void deactivate() {
        agent.close();
        executor.shutdownNow();
    }

    @Descriptor("Initiates login to IPCC ACD system using specified agent ID, agent password and extension. The IPCC "
            + "server is the agent API set in io.vtgoconnect.ipcc (server.url), the embedded call server's ACD unless told. "
            + "Error message ERROR_IPCC_LOGIN will be generated if login failed. Successful login will be followed by IPCC "
            + "agent state message, showing \"logged in\" (\"not ready\") state. Example: IPCCLogin agent21 mypassword 2001")
    public void ipccLogin(@Descriptor("agentID") String agentId, @Descriptor("password") String password,
            @Descriptor("extension") String extension) {
        requireGiven(agentId, "an agentID");
        requireGiven(extension, "an extension");
        agent.login(agentId.strip(), password, extension.strip());
    }

    private static void requireGiven(String argument, String what) {
        if (argument.isBlank()) {
            throw new CommandException(ErrorCode.ERROR_MISSING_PARAMETER, "IPCCLogin needs " + what + ": " + LOGIN_USAGE + ".");
        }
    }

    @Descriptor("Initiates logout sequence. Depending on how IPCC is configured, logout reason might be required to "
            + "actually logout. If logout is successful, new agent state (\"logged out\") will be displayed. If logout is "
            + "not successful and reason code is required, list of configured reason codes will be displayed. Example: "
            + "IPCCLogout 1")
    public void ipccLogout() {
        agent.logout(Optional.empty());
    }

    public void ipccLogout(@Descriptor("reason") String reason) {
        agent.logout(Optional.of(reason));
    }

    @Descriptor("If no state is specified, queries and displays current agent state. If state is specified, initiates "
            + "state change sequence. Valid state values are ready, notready, work, workready, worknotready. State change "
            + "will be followed by state change message that shows new state. Depending on how IPCC is configured, reason "
            + "code might be required when changing state to notready. If state change to notready is not successful due "
            + "to required reason code, list of configured notready reason codes will be displayed. Example: IPCCState "
            + "ready or IPCCState notready 2")
    public void ipccState() {
        agent.queryState();
    }

    public void ipccState(@Descriptor("state") String state) {
        agent.changeState(IpccAgent.Request.of(state), Optional.empty());
    }

    public void ipccState(@Descriptor("state") String state, @Descriptor("reason") String reason) {
        agent.changeState(IpccAgent.Request.of(state), Optional.of(reason));
    }
}
