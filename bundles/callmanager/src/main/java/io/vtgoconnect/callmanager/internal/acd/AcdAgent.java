package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import io.vtgoconnect.callmanager.internal.directory.DirectoryWanted;
import io.vtgoconnect.callmanager.internal.directory.Secret;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A contact-centre agent of the ACD: one factory configuration each, offered to the server as a service. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = AcdAgent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = AcdAgent.Settings.class, factory = true)
public record AcdAgent(String id, Secret password, String name, String team) implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.agent";

    @ObjectClassDefinition(name = "VTGOConnect ACD agent",
            description = "A contact-centre agent: the ID and password they log in with (IPCCLogin) and their team.")
    public @interface Settings {
        @AttributeDefinition(name = "Agent ID", description = "What the agent logs in with, e.g. agent21.")
        String id();

        @AttributeDefinition(name = "Password", description = "The agent's password as its PBKDF2 hash (see README), blank allowed (never shown).")
        String _password() default "";

        @AttributeDefinition(name = "Name", description = "The agent's name, as the agent API shows it.")
        String name() default "";

        @AttributeDefinition(name = "Team", description = "The agent's team: a queue takes the agents of the teams it names.")
        String team() default "";
    }

    @Activate
    public AcdAgent(Settings settings) {
        this(settings.id().strip(), Secret.of(settings._password()), settings.name(), settings.team().strip());
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    public String toString() {
        return "Agent[" + id + ", team=" + team + "]";
    }
}
