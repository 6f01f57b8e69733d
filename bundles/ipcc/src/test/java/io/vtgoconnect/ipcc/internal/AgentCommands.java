package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.Invocation;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.control.CallControl;
import java.lang.reflect.Proxy;
import java.util.List;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** The IPCC commands as the registry runs them, with their arguments checked, on one phone. */
final class AgentCommands {
    private static final CallControl NO_CALLS = (CallControl) Proxy.newProxyInstance(AgentCommands.class.getClassLoader(),
            new Class<?>[] {CallControl.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException("IPCC never controls calls");
            });
    /** Logs nothing: the tests read events, not the log. */
    static final LoggerFactory NO_LOGS = (LoggerFactory) Proxy.newProxyInstance(AgentCommands.class.getClassLoader(),
            new Class<?>[] {LoggerFactory.class}, (factory, method, args) -> Proxy.newProxyInstance(
                    AgentCommands.class.getClassLoader(), new Class<?>[] {Logger.class}, (logger, call, values) ->
                            call.getReturnType() == boolean.class ? false : null));
    private final IpccCommands commands;
    private final Phone phone;

    AgentCommands(IpccCommands commands, String phone) {
        this.commands = commands;
        this.phone = new Phone(phone, "", NO_CALLS);
    }

    void ipccLogin(String... arguments) {
        run("IPCCLogin", arguments);
    }

    void ipccLogout(String... arguments) {
        run("IPCCLogout", arguments);
    }

    void ipccState(String... arguments) {
        run("IPCCState", arguments);
    }

    private void run(String name, String... arguments) {
        Command command = commands.commands().stream().filter(candidate -> candidate.spec().name().equals(name)).findFirst()
                .orElseThrow();
        command.spec().checkArgumentCount(arguments.length);
        command.action().run(new Invocation(phone, List.of(arguments)));
    }
}
