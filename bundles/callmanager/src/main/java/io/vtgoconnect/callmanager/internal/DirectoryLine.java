package io.vtgoconnect.callmanager.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A directory number of the call server: one factory configuration each, offered to the server as a service. */
@Component(service = DirectoryLine.class, configurationPid = DirectoryLine.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DirectoryLine.Settings.class, factory = true)
public final class DirectoryLine {
    static final String FACTORY_PID = "io.vtgoconnect.callmanager.line";

    @ObjectClassDefinition(name = "VTGOConnect call server line",
            description = "A directory number: who may register it, its pickup group and its mailbox.")
    @interface Settings {
        @AttributeDefinition(name = "Number", description = "The directory number, e.g. 2001.")
        String number();

        @AttributeDefinition(name = "Label", description = "What phones show beside the line.")
        String label() default "";

        @AttributeDefinition(name = "Password", description = "The digest password a phone registers the line with (never shown).")
        String _password() default "";

        @AttributeDefinition(name = "Pickup group", description = "Lines of one group pick up each other's calls; empty: none.")
        String pickup_group() default "";
    }

    /** The line as the server uses it. */
    record Entry(String number, String label, String password, String pickupGroup) {
        @Override
        public String toString() {
            return "Line[" + number + ", group=" + pickupGroup + "]";
        }
    }

    private final Entry entry;

    @Activate
    public DirectoryLine(Settings settings) {
        this.entry = new Entry(settings.number().strip(), settings.label(), settings._password(), settings.pickup_group().strip());
    }

    Entry entry() {
        return entry;
    }
}
