package io.vtgoconnect.em.internal;

import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.CommandProvider;
import io.vtgoconnect.api.command.CommandResult;
import io.vtgoconnect.api.command.Invocation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * EMLogin and EMLogout, on the phone the command acts on: present only while this bundle is. A
 * successful login makes the call server give the phone's device the user's profile; the phone then
 * fetches it and re-registers, which its events show; each command also confirms what it did in one line.
 */
@Component(service = CommandProvider.class, configurationPid = EmSettings.PID)
@Designate(ocd = EmSettings.class)
public class ExtensionMobilityCommands implements CommandProvider {
    private final EmSettings settings;
    private final EmClient client;
    /** Who logged in through each device: EMLogout proves the logout with the same credentials. */
    private final Map<String, String[]> loggedIn = new ConcurrentHashMap<>();

    @Activate
    public ExtensionMobilityCommands(EmSettings settings) {
        this.settings = settings;
        this.client = new EmClient(URI.create(settings.service_url().strip()), Duration.ofSeconds(settings.timeout()));
    }

    @Override
    public List<Command> commands() {
        return List.of(
                Command.phone("EMLogin", "Initiates login to extension mobility using specified user ID and password "
                        + "parameters. Example: EMLogin jsmith 123456. Successful login will cause softphone to reregister "
                        + "with CallManager. Unsuccessful login will result in one of the following error messages: "
                        + "ERROR_MISSING_PARAMETER, ERROR_EM_INVALID_CREDENTIALS, ERROR_EM_ANOTHER_USER_LOGGED_ON, "
                        + "ERROR_EM_DEVICE_NOT_CONFIGURED, ERROR_EM_UNKNOWN_DEVICE.", List.of("userID", "password"), 2,
                        this::emLogin),
                Command.phone("EMLogout", "Initiates logout from extension mobility. Successful logout will cause "
                        + "softphone to reregister with CallManager.", List.of(), 0, this::emLogout));
    }

    private CommandResult emLogin(Invocation call) {
        String device = device(call);
        String userId = call.argument(0);
        String[] credentials = credentials(userId, call.argument(1));
        client.login(device, userId, credentials[0], credentials[1]);
        loggedIn.put(device, credentials);
        // Said even when the user was logged in already, which changes nothing the events would show.
        return CommandResult.of(userId + " is logged in to " + device + ".");
    }

    private CommandResult emLogout(Invocation call) {
        String device = device(call);
        String[] credentials = loggedIn.getOrDefault(device, credentials("", ""));
        client.logout(device, credentials[0], credentials[1]);
        loggedIn.remove(device);
        return CommandResult.of("Logged out of " + device + ".");
    }

    /** The device users log in to: the configured one, else the phone's own. */
    private String device(Invocation call) {
        return settings.device_name().isBlank() ? call.phone().device() : settings.device_name().strip();
    }

    /** The appInfo credentials: the configured application user's, or the user's own (self-login). */
    private String[] credentials(String userId, String password) {
        if (!settings.app_user().isBlank()) {
            return new String[] {settings.app_user(), settings._app_password()};
        }
        return new String[] {userId, password};
    }
}
