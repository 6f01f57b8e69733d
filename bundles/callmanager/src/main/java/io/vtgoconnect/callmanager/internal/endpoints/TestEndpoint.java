package io.vtgoconnect.callmanager.internal.endpoints;

import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import io.vtgoconnect.callmanager.internal.directory.DirectoryWanted;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A virtual phone inside the call server, for tests and demonstrations: one factory configuration each. */
@Component(immediate = true, service = DirectoryEntry.class, configurationPid = TestEndpoint.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        reference = @Reference(name = DirectoryWanted.REFERENCE, service = DirectoryWanted.class))
@Designate(ocd = TestEndpoint.Settings.class, factory = true)
public record TestEndpoint(String number, Behaviour behaviour, int answerDelayMillis, int toneHertz) implements DirectoryEntry {
    public static final String FACTORY_PID = "io.vtgoconnect.callmanager.endpoint";

    /** What the endpoint does with a call to it. */
    public enum Behaviour {
        /** Rings, answers after the delay and says nothing. */
        ANSWER,
        /** Refuses as busy (486). */
        BUSY,
        /** Rings until the caller gives up, or cm:answer answers it. */
        NEVER,
        /** Answers after the delay and sends back what it hears. */
        ECHO,
        /** Answers after the delay and plays its tone. */
        TONE
    }

    @ObjectClassDefinition(name = "VTGOConnect call server test endpoint",
            description = "A virtual phone with a number: it answers, refuses, rings, echoes or plays a tone; cm:call makes it call.")
    public @interface Settings {
        @AttributeDefinition(name = "Number")
        String number();

        @AttributeDefinition(name = "Behaviour", description = "ANSWER, BUSY, NEVER, ECHO or TONE.")
        Behaviour behaviour() default Behaviour.ANSWER;

        @AttributeDefinition(name = "Answer delay", description = "Milliseconds of ringing before it answers.")
        int answer_delay() default 500;

        @AttributeDefinition(name = "Tone", description = "The frequency it plays, in hertz (TONE).")
        int tone() default 440;
    }

    @Activate
    public TestEndpoint(Settings settings) {
        this(settings.number().strip(), settings.behaviour(), Math.max(0, settings.answer_delay()), settings.tone());
    }

    @Override
    public String key() {
        return number;
    }
}
