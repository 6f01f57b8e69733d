package io.vtgoconnect.callmanager.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Whether the ACD asks agents for a reason, per category: configuration PID {@value #PID}. */
@Component(service = AcdPolicy.class, configurationPid = AcdPolicy.PID)
@Designate(ocd = AcdPolicy.Settings.class)
public final class AcdPolicy {
    static final String PID = "io.vtgoconnect.callmanager.acd";

    @ObjectClassDefinition(name = "VTGOConnect ACD policy",
            description = "Whether an agent must give a reason code to go Not Ready, and to log out.")
    @interface Settings {
        @AttributeDefinition(name = "Not ready reason required")
        boolean not_ready_reason_required() default true;

        @AttributeDefinition(name = "Logout reason required")
        boolean logout_reason_required() default true;
    }

    /** The policy as the ACD uses it. */
    record Entry(boolean notReadyReasonRequired, boolean logoutReasonRequired) {
        /** As the manual's example 2: a reason is required for both. */
        static final Entry DEFAULT = new Entry(true, true);

        boolean reasonRequired(AcdReasonCode.Category category) {
            return category == AcdReasonCode.Category.NOT_READY ? notReadyReasonRequired : logoutReasonRequired;
        }
    }

    private final Entry entry;

    @Activate
    public AcdPolicy(Settings settings) {
        this.entry = new Entry(settings.not_ready_reason_required(), settings.logout_reason_required());
    }

    Entry entry() {
        return entry;
    }
}
