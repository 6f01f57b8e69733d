package io.vtgoconnect.callmanager.internal.directory;

import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A phone device the call server configures: one factory configuration each. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = DirectoryDevice.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = DirectoryDevice.Settings.class, factory = true)
public record DirectoryDevice(String name, List<String> lines, List<String> speedDials, boolean emAllowed, Secret password) implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.device";

    @ObjectClassDefinition(name = "VTGOConnect call server device",
            description = "A phone by its device name: its lines in button order, its speed dials.")
    public @interface Settings {
        @AttributeDefinition(name = "Device name", description = "As a CallManager names phones, e.g. SEP001122334455.")
        String name();

        @AttributeDefinition(name = "Lines", description = "Directory numbers on buttons 1, 2, ...")
        String[] lines() default {};

        @AttributeDefinition(name = "Speed dials", description = "On the buttons after the lines, as number or number|label.")
        String[] speed_dials() default {};

        @AttributeDefinition(name = "Extension Mobility", description = "Whether users may log in to this device.")
        boolean em_allowed() default true;

        @AttributeDefinition(name = "Password", description = "The device's own credential (its PBKDF2 hash, see "
                + "README): its configuration, with its lines' passwords, is served only to a request that gives it "
                + "(HTTP Basic, the device name and this password); empty: served to any client.")
        String _password() default "";
    }

    @Activate
    public DirectoryDevice(Settings settings) {
        this(settings.name().strip(), Arrays.stream(settings.lines()).map(String::strip).toList(),
                List.of(settings.speed_dials()), settings.em_allowed(), Secret.of(settings._password()));
    }

    @Override
    public String key() {
        return name;
    }

    @Override
    public String toString() {
        return "Device[" + name + ", lines=" + lines + "]";
    }
}
