package io.vtgoconnect.callmanager.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A reason an agent gives for going Not Ready or logging out: one factory configuration each. */
@Component(service = AcdReasonCode.class, configurationPid = AcdReasonCode.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AcdReasonCode.Settings.class, factory = true)
public final class AcdReasonCode {
    static final String FACTORY_PID = "io.vtgoconnect.callmanager.reasoncode";

    /** What the reason is given for. */
    enum Category {
        NOT_READY,
        LOGOUT
    }

    @ObjectClassDefinition(name = "VTGOConnect ACD reason code",
            description = "A reason code an agent gives to go Not Ready or to log out, e.g. 2 - Break.")
    @interface Settings {
        @AttributeDefinition(name = "Category", description = "NOT_READY or LOGOUT.")
        Category category();

        @AttributeDefinition(name = "Code", description = "The number the agent gives, e.g. 2 (IPCCState notready 2).")
        int code();

        @AttributeDefinition(name = "Label", description = "What the code means, e.g. Break.")
        String label();
    }

    /** The reason code as the ACD uses it. */
    record Entry(Category category, int code, String label) {
        /** How the agent API names it (the last segment of its uri, the reasonCodeId an agent sends). */
        String id() {
            return category + "-" + code;
        }
    }

    private final Entry entry;

    @Activate
    public AcdReasonCode(Settings settings) {
        this.entry = new Entry(settings.category(), settings.code(), settings.label().strip());
    }

    Entry entry() {
        return entry;
    }
}
