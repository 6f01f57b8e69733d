package io.vtgoconnect.callmanager.internal.acd;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import io.vtgoconnect.callmanager.internal.directory.DirectoryWanted;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A queue of the ACD on its pilot number: one factory configuration each. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = AcdQueue.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = AcdQueue.Settings.class, factory = true)
public record AcdQueue(String pilot, String name, Set<String> teams, int ringTimeoutSeconds, int wrapupSeconds, int toneHertz) implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.queue";

    @ObjectClassDefinition(name = "VTGOConnect ACD queue",
            description = "A pilot number whose callers wait, hearing a tone, for the Ready agent who has waited longest.")
    public @interface Settings {
        @AttributeDefinition(name = "Pilot", description = "The number callers dial, e.g. 2100.")
        String pilot();

        @AttributeDefinition(name = "Name")
        String name() default "";

        @AttributeDefinition(name = "Teams", description = "The teams whose agents take its calls; none: every agent.")
        String[] teams() default {};

        @AttributeDefinition(name = "Ring timeout", description = "Seconds a Reserved agent has to answer before going "
                + "Not Ready, the call going to the next agent.")
        int ring_timeout() default 15;

        @AttributeDefinition(name = "Wrap-up", description = "Seconds of Work after each call before the agent is Ready "
                + "again; 0: Ready at once.")
        int wrapup() default 0;

        @AttributeDefinition(name = "Tone", description = "The frequency callers hear while they wait, in hertz.")
        int tone() default 425;
    }

    @Activate
    public AcdQueue(Settings settings) {
        this(settings.pilot().strip(), settings.name(),
                Arrays.stream(settings.teams()).map(String::strip).filter(team -> !team.isEmpty()).collect(Collectors.toSet()),
                Math.max(1, settings.ring_timeout()), Math.max(0, settings.wrapup()), settings.tone());
    }

    @Override
    public String key() {
        return pilot;
    }

    /** Whether agents of the team take the queue's calls. */
    public boolean takes(String team) {
        return teams.isEmpty() || teams.contains(team);
    }
}
