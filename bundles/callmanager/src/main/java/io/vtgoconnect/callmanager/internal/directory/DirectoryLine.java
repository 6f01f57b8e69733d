package io.vtgoconnect.callmanager.internal.directory;

import io.vtgoconnect.sipstack.DigestAlgorithm;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A directory number of the call server: one factory configuration each. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = DirectoryLine.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = DirectoryLine.Settings.class, factory = true)
public final class DirectoryLine implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.line";

    @ObjectClassDefinition(name = "VTGOConnect call server line",
            description = "A directory number: who may register it, its pickup group and its mailbox.")
    public @interface Settings {
        @AttributeDefinition(name = "Number", description = "The directory number, e.g. 2001.")
        String number();

        @AttributeDefinition(name = "Label", description = "What phones show beside the line.")
        String label() default "";

        @AttributeDefinition(name = "Password", description = "The digest password a phone registers the line with, "
                + "in place of the HA1s (never shown; the HA1s keep it out of the configuration).")
        String _password() default "";

        @AttributeDefinition(name = "MD5 HA1", description = "MD5(number:realm:password) in hex, in place of the password.")
        String _ha1_md5() default "";

        @AttributeDefinition(name = "SHA-256 HA1", description = "SHA-256(number:realm:password) in hex, in place of the password.")
        String _ha1_sha256() default "";

        @AttributeDefinition(name = "Pickup group", description = "Lines of one group pick up each other's calls; empty: none.")
        String pickup_group() default "";
    }

    private final String number;
    private final String label;
    private final String pickupGroup;
    private final String password;
    private final String ha1Md5;
    private final String ha1Sha256;

    @Activate
    public DirectoryLine(Settings settings) {
        this.number = settings.number().strip();
        this.label = settings.label();
        this.pickupGroup = settings.pickup_group().strip();
        this.password = settings._password();
        this.ha1Md5 = settings._ha1_md5().strip().toLowerCase(java.util.Locale.ROOT);
        this.ha1Sha256 = settings._ha1_sha256().strip().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String key() {
        return number;
    }

    public String number() {
        return number;
    }

    public String label() {
        return label;
    }

    public String pickupGroup() {
        return pickupGroup;
    }

    /**
     * The digest's HA1 for the realm: the one configured, else made from the password; empty when
     * the line has neither (nobody can register it).
     */
    public Optional<String> ha1(DigestAlgorithm algorithm, String realm) {
        String configured = algorithm == DigestAlgorithm.MD5 ? ha1Md5 : ha1Sha256;
        if (!configured.isEmpty()) {
            return Optional.of(configured);
        }
        boolean anyHa1 = !ha1Md5.isEmpty() || !ha1Sha256.isEmpty();
        return anyHa1 ? Optional.empty() : Optional.of(algorithm.ha1(number, realm, password));
    }

    @Override
    public String toString() {
        return "Line[" + number + ", group=" + pickupGroup + "]";
    }
}
