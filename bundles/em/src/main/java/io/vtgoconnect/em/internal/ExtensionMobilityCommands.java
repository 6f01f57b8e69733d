package io.vtgoconnect.em.internal;

import io.vtgoconnect.api.shell.ShellSession;
import java.net.URI;
import java.time.Duration;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * EMLogin and EMLogout in scope {@code vtgo}: present only while this bundle is. A successful
 * login makes the call server give the device the user's profile; the phone then fetches it and
 * re-registers, which its events show; each command also confirms what it did in one line.
 */
@Component(service = ExtensionMobilityCommands.class, configurationPid = EmSettings.PID, property = {
        CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE,
        CommandProcessor.COMMAND_FUNCTION + "=EMLogin",
        CommandProcessor.COMMAND_FUNCTION + "=EMLogout"})
@Designate(ocd = EmSettings.class)
public class ExtensionMobilityCommands {
    private final EmSettings settings;
    private final EmClient client;
    /** Who logged in through this phone: EMLogout proves the logout with the same credentials. */
    private String[] loggedIn;

    @Activate
    public ExtensionMobilityCommands(EmSettings settings) {
        this.settings = settings;
        this.client = new EmClient(URI.create(settings.service_url().strip()), Duration.ofSeconds(settings.timeout()));
    }

    @Descriptor("Initiates login to extension mobility using specified user ID and password parameters. Example: "
            + "EMLogin jsmith 123456. Successful login will cause softphone to reregister with CallManager. Unsuccessful "
            + "login will result in one of the following error messages: ERROR_MISSING_PARAMETER, "
            + "ERROR_EM_INVALID_CREDENTIALS, ERROR_EM_ANOTHER_USER_LOGGED_ON, ERROR_EM_DEVICE_NOT_CONFIGURED, "
            + "ERROR_EM_UNKNOWN_DEVICE.")
    public synchronized String emLogin(@Descriptor("userID") String userId, @Descriptor("password") String password) {
        String[] credentials = credentials(userId, password);
        client.login(settings.device_name(), userId, credentials[0], credentials[1]);
        loggedIn = credentials;
        // Said even when the user was logged in already, which changes nothing the events would show.
        return userId + " is logged in to " + settings.device_name() + ".";
    }

    @Descriptor("Initiates logout from extension mobility. Successful logout will cause softphone to reregister with "
            + "CallManager.")
    public synchronized String emLogout() {
        String[] credentials = loggedIn != null ? loggedIn : credentials("", "");
        client.logout(settings.device_name(), credentials[0], credentials[1]);
        loggedIn = null;
        return "Logged out of " + settings.device_name() + ".";
    }

    /** The appInfo credentials: the configured application user's, or the user's own (self-login). */
    private String[] credentials(String userId, String password) {
        if (!settings.app_user().isBlank()) {
            return new String[] {settings.app_user(), settings._app_password()};
        }
        return new String[] {userId, password};
    }
}
