package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
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

    private FrameworkFixture framework;

    @Configuration
    public Option[] configuration() {
        return PhoneAndServer.bundles();
    }

    @Before
    public void openFixture() {
        framework = new FrameworkFixture(context, configAdmin, processor);
    }

    @After
    public void closeFixture() throws Exception {
        framework.close();
    }

    @Test
    public void theBundlesRunOnTheFrameworkAndAPhoneCallsThroughTheEmbeddedServer() throws Exception {
        assertEquals(FRAMEWORK, context.getBundle(0).getSymbolicName());
        PhoneAndServer.configure(context, framework);
        Set<String> active = Arrays.stream(context.getBundles()).filter(bundle -> bundle.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).collect(Collectors.toSet());
        assertTrue("Active: " + active, active.containsAll(OURS));

        framework.run("runprogram");
        framework.awaitOutput("Connected to CallManager");
        framework.run("makecall 2004");
        framework.awaitOutput("TsConnected");
        String printed = framework.session.printed();
        assertTrue(printed, printed.lines().anyMatch(line -> line.startsWith(
                "Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected)") && line.endsWith("OtherParty=2004")));
        framework.run("endcall");
        framework.awaitOutput("TsIdle");
        framework.run("exitprogram");
        framework.awaitOutput("Disconnected from softphone");
    }
}
