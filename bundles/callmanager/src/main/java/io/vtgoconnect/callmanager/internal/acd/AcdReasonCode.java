package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import io.vtgoconnect.callmanager.internal.directory.DirectoryWanted;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A reason an agent gives for going Not Ready or logging out: one factory configuration each. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = AcdReasonCode.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = AcdReasonCode.Settings.class, factory = true)
public record AcdReasonCode(Category category, int code, String label) implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.reasoncode";

    /** What the reason is given for. */
    public enum Category {
        NOT_READY,
        LOGOUT
    }

    @ObjectClassDefinition(name = "VTGOConnect ACD reason code",
            description = "A reason code an agent gives to go Not Ready or to log out, e.g. 2 - Break.")
    public @interface Settings {
        @AttributeDefinition(name = "Category", description = "NOT_READY or LOGOUT.")
        Category category();

        @AttributeDefinition(name = "Code", description = "The number the agent gives, e.g. 2 (IPCCState notready 2).")
        int code();

        @AttributeDefinition(name = "Label", description = "What the code means, e.g. Break.")
        String label();
    }

    @Activate
    public AcdReasonCode(Settings settings) {
        this(settings.category(), settings.code(), settings.label().strip());
    }

    /** How the agent API names it (the last segment of its uri, the reasonCodeId an agent sends). */
    @Override
    public String key() {
        return category + "-" + code;
    }
}
