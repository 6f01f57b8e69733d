package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The core, shell, phone and call server bundles resolve and run on the framework this run was
 * given (Felix, and Equinox in the itest module's second test run): a call from the SIP phone to
 * the embedded server's endpoint 2004 connects, with every part configured through ConfigAdmin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmbeddedCallTest {
    /** The framework's system bundle this run must be on: org.apache.felix.framework or org.eclipse.osgi. */
    private static final String FRAMEWORK = System.getProperty("vtgo.framework", "org.apache.felix.framework");
    private static final Set<String> OURS = Set.of("io.vtgoconnect.api", "io.vtgoconnect.core", "io.vtgoconnect.shell",
            "io.vtgoconnect.media", "io.vtgoconnect.transport-sip", "io.vtgoconnect.callmanager");

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] configuration() {
        return CoreOptions.options(CoreOptions.composite(RuntimeBundles.with("media", "transport-sip", "callmanager")),
                // The call server's device configuration is served by the JDK's HTTP server.
                CoreOptions.systemPackage("com.sun.net.httpserver"));
    }

    @Test
    public void theBundlesRunOnTheFrameworkAndAPhoneCallsThroughTheEmbeddedServer() throws Exception {
        assertEquals(FRAMEWORK, context.getBundle(0).getSymbolicName());
        Set<String> active = Arrays.stream(context.getBundles()).filter(bundle -> bundle.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).collect(Collectors.toSet());
        assertTrue("Active: " + active, active.containsAll(OURS));

        try (PhoneAndServer configured = PhoneAndServer.configure(context, configAdmin);
                RecordedSession session = new RecordedSession(processor)) {
            session.run("runprogram; waitfor \"Connected to CallManager\" " + PhoneAndServer.WAIT_SECONDS
                    + "; makecall 2004; waitfor TsConnected " + PhoneAndServer.WAIT_SECONDS);
            String printed = session.printed();
            assertTrue(printed, printed.lines().anyMatch(line -> line.startsWith(
                    "Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected)") && line.endsWith("OtherParty=2004")));
            session.run("endcall; waitfor TsIdle " + PhoneAndServer.WAIT_SECONDS + "; exitprogram; waitfor \"Disconnected from softphone\"");
            printed = session.printed();
            assertFalse(printed, printed.contains("Timeout :") || printed.contains("Error :"));
        }
    }
}
