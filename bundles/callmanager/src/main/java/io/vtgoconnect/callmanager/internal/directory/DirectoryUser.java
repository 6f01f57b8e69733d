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

/** A user of the call server, who may log in to a phone with Extension Mobility: one factory configuration each. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = DirectoryUser.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = DirectoryUser.Settings.class, factory = true)
public record DirectoryUser(String id, Secret pin, List<String> profileLines, List<String> profileSpeedDials) implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.user";

    @ObjectClassDefinition(name = "VTGOConnect call server user",
            description = "A user and the device profile a phone takes when the user logs in to it (Extension Mobility).")
    public @interface Settings {
        @AttributeDefinition(name = "User ID", description = "As typed at EMLogin, e.g. jsmith.")
        String id();

        @AttributeDefinition(name = "PIN", description = "The Extension Mobility PIN, as its PBKDF2 hash (see README; never shown).")
        String _pin() default "";

        @AttributeDefinition(name = "Profile lines", description = "Directory numbers on buttons 1, 2, ... while logged in.")
        String[] profile_lines() default {};

        @AttributeDefinition(name = "Profile speed dials", description = "As number or number|label, after the lines.")
        String[] profile_speed_dials() default {};
    }

    @Activate
    public DirectoryUser(Settings settings) {
        this(settings.id().strip(), Secret.of(settings._pin()), Arrays.stream(settings.profile_lines()).map(String::strip).toList(),
                List.of(settings.profile_speed_dials()));
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    public String toString() {
        return "User[" + id + ", lines=" + profileLines + "]";
    }
}
