package io.vtgoconnect.remote.internal;

import io.vtgoconnect.api.secret.PasswordHash;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Who may use the remote API: one factory configuration each, offered to the endpoint as a service. */
@Component(service = RemoteUser.class, configurationPid = RemoteUser.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RemoteUser.Settings.class, factory = true)
public final class RemoteUser {
    static final String FACTORY_PID = "io.vtgoconnect.remote.user";

    @ObjectClassDefinition(name = "VTGOConnect remote API user",
            description = "A user of the remote API: a password and/or a token (their PBKDF2 hashes) and the phones they may use.")
    @interface Settings {
        @AttributeDefinition(name = "Name", description = "What the user logs in as.")
        String name();

        @AttributeDefinition(name = "Password", description = "The password's PBKDF2 hash (see README); none: no password login.")
        String _password() default "";

        @AttributeDefinition(name = "Token", description = "The token's PBKDF2 hash; none: no token login.")
        String _token() default "";

        @AttributeDefinition(name = "Phones", description = "The names of the phones the user may use and hear; none: all.")
        String[] phones() default {};
    }

    private final String name;
    private final Optional<PasswordHash> password;
    private final Optional<PasswordHash> token;
    private final List<String> phones;

    @Activate
    public RemoteUser(Settings settings) {
        this(settings.name().strip(), settings._password(), settings._token(), List.of(settings.phones()));
    }

    RemoteUser(String name, String passwordHash, String tokenHash, List<String> phones) {
        this.name = name;
        this.password = PasswordHash.parse(passwordHash);
        this.token = PasswordHash.parse(tokenHash);
        this.phones = phones.stream().map(String::strip).filter(phone -> !phone.isEmpty()).toList();
    }

    String name() {
        return name;
    }

    boolean hasPassword(String candidate) {
        return password.isPresent() && password.get().matches(candidate);
    }

    boolean hasToken(String candidate) {
        return token.isPresent() && token.get().matches(candidate);
    }

    /** Whether the user may use and hear the phone. */
    boolean mayUse(String phone) {
        return phones.isEmpty() || phones.contains(phone);
    }

    List<String> phones() {
        return phones;
    }

    @Override
    public String toString() {
        return "RemoteUser[" + name + ", phones=" + Arrays.toString(phones.toArray()) + "]";
    }
}
