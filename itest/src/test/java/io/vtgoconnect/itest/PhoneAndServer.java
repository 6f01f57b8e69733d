package io.vtgoconnect.itest;

import static org.junit.Assert.assertNotNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The embedded call server with line 2001 and endpoint 2004 (it answers), and the SIP phone with
 * line 2001 registering there, configured through ConfigAdmin on free loopback ports. Closing
 * deletes the configurations.
 */
final class PhoneAndServer implements AutoCloseable {
    static final int WAIT_SECONDS = 10;

    private final List<Configuration> configurations = new ArrayList<>();

    /** Configures both and returns once the server and the phone run with their configurations. */
    static PhoneAndServer configure(BundleContext context, ConfigurationAdmin configAdmin) throws Exception {
        PhoneAndServer configured = new PhoneAndServer();
        PrimitiveIterator.OfInt ports = LoopbackPorts.distinct();
        int serverPort = ports.nextInt();
        int phonePort = ports.nextInt();
        configured.set(configAdmin.getConfiguration("io.vtgoconnect.callmanager", "?"),
                Map.of("sip.port", serverPort, "http.port", ports.nextInt()));
        configured.set(configAdmin.createFactoryConfiguration("io.vtgoconnect.callmanager.line", "?"),
                Map.of("number", "2001", ".password", "secret-2001"));
        configured.set(configAdmin.createFactoryConfiguration("io.vtgoconnect.callmanager.endpoint", "?"),
                Map.of("number", "2004", "behaviour", "ANSWER"));
        configured.set(configAdmin.getConfiguration("io.vtgoconnect.transport.sip.phone", "?"), Map.of("sip.port", phonePort));
        configured.set(configAdmin.createFactoryConfiguration("io.vtgoconnect.transport.sip.line", "?"),
                Map.of("number", "2001", "registrar", "127.0.0.1:" + serverPort, ".password", "secret-2001"));
        // Components restart with their configurations: the phone is run once the server and the phone have theirs.
        awaitService(context, "(&(objectClass=io.vtgoconnect.callmanager.internal.CallManager)(sip.port=" + serverPort + "))");
        awaitService(context, "(&(objectClass=io.vtgoconnect.callmanager.internal.TestEndpoint)(number=2004))");
        awaitService(context, "(&(objectClass=io.vtgoconnect.api.transport.SoftphoneTransport)(sip.port=" + phonePort + "))");
        awaitService(context, "(&(objectClass=io.vtgoconnect.transport.sip.internal.ConfiguredLine)(number=2001))");
        return configured;
    }

    /** Sets a configuration, which is deleted on close. */
    void set(Configuration configuration, Map<String, Object> settings) throws IOException {
        configurations.add(configuration);
        Dictionary<String, Object> properties = new Hashtable<>(settings);
        configuration.update(properties);
    }

    static void awaitService(BundleContext context, String filter) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null);
        tracker.open(true);
        try {
            assertNotNull("No service " + filter + " within " + WAIT_SECONDS + " s", tracker.waitForService(WAIT_SECONDS * 1000L));
        } finally {
            tracker.close();
        }
    }

    @Override
    public void close() throws IOException {
        for (Configuration configuration : configurations) {
            configuration.delete();
        }
    }
}
