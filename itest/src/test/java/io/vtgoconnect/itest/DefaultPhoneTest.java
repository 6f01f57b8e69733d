package io.vtgoconnect.itest;

import io.vtgoconnect.api.control.CallControl;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The default phone is there when nothing else is configured or when its own configuration is,
 * never beside a farm that nobody gave it to: the phones call control is offered, by name.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DefaultPhoneTest extends InFrameworkTest {
    private static final String PHONE_PID = "io.vtgoconnect.transport.sip.phone";
    private static final String FARM_FACTORY_PID = "io.vtgoconnect.farm";

    @Configuration
    public Option[] configuration() {
        return RuntimeBundles.with("media", "transport-sip");
    }

    @Test
    public void theDefaultPhoneRunsWhenNoPhoneIsConfiguredOrItsOwnConfigurationIs() throws Exception {
        Leftovers.await("the default phone alone, nothing being configured", () -> phones().equals(Set.of("VTGOConnect")));

        framework.configureFactory(FARM_FACTORY_PID, Map.of("count", 2, "sip.port.first", Leftovers.freeLoopbackPort()));
        Leftovers.await("the farm's two phones and no other", () -> phones().equals(Set.of("phone1", "phone2")));

        framework.configure(PHONE_PID, Map.of("device.name", "SEP001122334455", "sip.port", Leftovers.freeLoopbackPort()));
        Leftovers.await("the configured default phone beside the farm",
                () -> phones().equals(Set.of("SEP001122334455", "phone1", "phone2")));
    }

    /** The names of the phones offered as services. */
    private Set<String> phones() {
        try {
            ServiceReference<?>[] phones = context.getServiceReferences("io.vtgoconnect.api.transport.SoftphoneTransport", null);
            return phones == null ? Set.of() : Arrays.stream(phones).map(phone -> String.valueOf(phone.getProperty(CallControl.PHONE)))
                    .collect(Collectors.toSet());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
