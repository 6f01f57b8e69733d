package io.vtgoconnect.callmanager.internal.acd;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A queue of the ACD on its pilot number: one factory configuration each. */
@Component(service = DirectoryEntry.class, configurationPid = AcdQueue.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AcdQueue.Settings.class, factory = true)
public final class AcdQueue implements DirectoryEntry {
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

    private final String pilot;
    private final String name;
    private final Set<String> teams;
    private final int ringTimeoutSeconds;
    private final int wrapupSeconds;
    private final int toneHertz;

    @Activate
    public AcdQueue(Settings settings) {
        this.pilot = settings.pilot().strip();
        this.name = settings.name();
        this.teams = Arrays.stream(settings.teams()).map(String::strip).filter(team -> !team.isEmpty()).collect(Collectors.toSet());
        this.ringTimeoutSeconds = Math.max(1, settings.ring_timeout());
        this.wrapupSeconds = Math.max(0, settings.wrapup());
        this.toneHertz = settings.tone();
    }

    @Override
    public String key() {
        return pilot;
    }

    public String pilot() {
        return pilot;
    }

    public String name() {
        return name;
    }

    /** Whether agents of the team take the queue's calls. */
    public boolean takes(String team) {
        return teams.isEmpty() || teams.contains(team);
    }

    public int ringTimeoutSeconds() {
        return ringTimeoutSeconds;
    }

    public int wrapupSeconds() {
        return wrapupSeconds;
    }

    public int toneHertz() {
        return toneHertz;
    }
}
