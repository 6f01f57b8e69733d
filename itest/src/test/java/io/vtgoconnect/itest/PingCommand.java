package io.vtgoconnect.itest;

import io.vtgoconnect.api.shell.ShellSession;
import java.util.Map;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The whole of a bundle that a test installs to add the command {@code Ping} to scope vtgo: its
 * activator registers itself as the command. Only constants of the API and the test are used, so
 * the bundle imports nothing but Gogo and the framework.
 */
public class PingCommand implements BundleActivator {
    static final String NAME = "Ping";
    static final String DESCRIPTION = "Answers pong: a command of a bundle installed by a test.";

    @Override
    public void start(BundleContext context) {
        context.registerService(PingCommand.class, this, FrameworkUtil.asDictionary(Map.of(
                CommandProcessor.COMMAND_SCOPE, ShellSession.SCOPE,
                CommandProcessor.COMMAND_FUNCTION, NAME)));
    }

    @Override
    public void stop(BundleContext context) {
        // The framework withdraws the command when the bundle stops.
    }

    @Descriptor(DESCRIPTION)
    public void ping(CommandSession session) {
        session.getConsole().println("pong");
    }
}
