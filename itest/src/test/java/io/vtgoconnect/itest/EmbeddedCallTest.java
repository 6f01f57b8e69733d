package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
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
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

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
    private static final int WAIT_SECONDS = 10;

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    @Inject
    private ConfigurationAdmin configAdmin;

    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();

    @Configuration
    public Option[] configuration() {
        return CoreOptions.options(CoreOptions.composite(RuntimeBundles.with("media", "transport-sip", "callmanager")),
                // The call server's device configuration is served by the JDK's HTTP server.
                CoreOptions.systemPackage("com.sun.net.httpserver"));
    }

    @After
    public void deleteConfigurations() throws IOException {
        for (org.osgi.service.cm.Configuration configuration : configurations) {
            configuration.delete();
        }
    }

    @Test
    public void theBundlesRunOnTheFrameworkAndAPhoneCallsThroughTheEmbeddedServer() throws Exception {
        assertEquals(FRAMEWORK, context.getBundle(0).getSymbolicName());
        Set<String> active = Arrays.stream(context.getBundles()).filter(bundle -> bundle.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).collect(Collectors.toSet());
        assertTrue("Active: " + active, active.containsAll(OURS));

        PrimitiveIterator.OfInt ports = LoopbackPorts.distinct();
        int serverPort = ports.nextInt();
        int phonePort = ports.nextInt();
        configure(configAdmin.getConfiguration("io.vtgoconnect.callmanager", "?"),
                Map.of("sip.port", serverPort, "http.port", ports.nextInt()));
        configure(configAdmin.createFactoryConfiguration("io.vtgoconnect.callmanager.line", "?"),
                Map.of("number", "2001", ".password", "secret-2001"));
        configure(configAdmin.createFactoryConfiguration("io.vtgoconnect.callmanager.endpoint", "?"),
                Map.of("number", "2004", "behaviour", "ANSWER"));
        configure(configAdmin.getConfiguration("io.vtgoconnect.transport.sip.phone", "?"), Map.of("sip.port", phonePort));
        configure(configAdmin.createFactoryConfiguration("io.vtgoconnect.transport.sip.line", "?"),
                Map.of("number", "2001", "registrar", "127.0.0.1:" + serverPort, ".password", "secret-2001"));
        // Components restart with their configurations: the phone is run once the server and the phone have theirs.
        awaitService("(&(objectClass=io.vtgoconnect.callmanager.internal.CallManager)(sip.port=" + serverPort + "))");
        awaitService("(&(objectClass=io.vtgoconnect.callmanager.internal.TestEndpoint)(number=2004))");
        awaitService("(&(objectClass=io.vtgoconnect.api.transport.SoftphoneTransport)(sip.port=" + phonePort + "))");
        awaitService("(&(objectClass=io.vtgoconnect.transport.sip.internal.ConfiguredLine)(number=2001))");

        try (RecordedSession session = new RecordedSession(processor)) {
            session.run("runprogram; waitfor \"Connected to CallManager\" " + WAIT_SECONDS
                    + "; makecall 2004; waitfor TsConnected " + WAIT_SECONDS);
            String printed = session.printed();
            assertTrue(printed, printed.lines().anyMatch(line -> line.startsWith(
                    "Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected)") && line.endsWith("OtherParty=2004")));
            session.run("endcall; waitfor TsIdle " + WAIT_SECONDS + "; exitprogram; waitfor \"Disconnected from softphone\"");
            printed = session.printed();
            assertFalse(printed, printed.contains("Timeout :") || printed.contains("Error :"));
        }
    }

    private void awaitService(String filter) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null);
        tracker.open(true);
        try {
            assertNotNull("No service " + filter + " within " + WAIT_SECONDS + " s",
                    tracker.waitForService(WAIT_SECONDS * 1000L));
        } finally {
            tracker.close();
        }
    }

    private void configure(org.osgi.service.cm.Configuration configuration, Map<String, Object> settings) throws IOException {
        configurations.add(configuration);
        Dictionary<String, Object> properties = new Hashtable<>(settings);
        configuration.update(properties);
    }
}
