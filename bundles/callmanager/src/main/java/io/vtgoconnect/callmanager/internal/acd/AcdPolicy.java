package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import io.vtgoconnect.callmanager.internal.directory.DirectoryWanted;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Whether the ACD asks agents for a reason, per category: configuration PID {@value #PID}. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = AcdPolicy.PID,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = AcdPolicy.Settings.class)
public record AcdPolicy(boolean notReadyReasonRequired, boolean logoutReasonRequired) implements DirectoryEntry {
    public static final String PID = "io.vtgoconnect.callmanager.acd";

    @ObjectClassDefinition(name = "VTGOConnect ACD policy",
            description = "Whether an agent must give a reason code to go Not Ready, and to log out.")
    public @interface Settings {
        @AttributeDefinition(name = "Not ready reason required")
        boolean not_ready_reason_required() default true;

        @AttributeDefinition(name = "Logout reason required")
        boolean logout_reason_required() default true;
    }

    /** As the manual's example 2, when nothing is configured: a reason is required for both. */
    public static final AcdPolicy DEFAULT = new AcdPolicy(true, true);

    @Activate
    public AcdPolicy(Settings settings) {
        this(settings.not_ready_reason_required(), settings.logout_reason_required());
    }

    /** The only one: its configuration is not a factory's. */
    @Override
    public String key() {
        return PID;
    }

    public boolean reasonRequired(AcdReasonCode.Category category) {
        return category == AcdReasonCode.Category.NOT_READY ? notReadyReasonRequired : logoutReasonRequired;
    }
}
