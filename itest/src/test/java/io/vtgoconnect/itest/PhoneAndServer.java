package io.vtgoconnect.itest;

import static org.junit.Assert.assertNotNull;

import java.util.Map;
import java.util.PrimitiveIterator;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The embedded call server with line 2001 and endpoint 2004 (it answers), and the SIP phone with
 * line 2001 registering there, on free loopback ports.
 */
final class PhoneAndServer {
    private PhoneAndServer() {
    }

    /**
     * The runtime's bundles with the phone and the server. The server starts once configured
     * (started first, it would bind 5060); its HTTP resources are servlets of the HTTP Whiteboard.
     */
    static Option[] bundles() {
        return OptionUtils.combine(RuntimeBundles.with("media", "transport-sip"),
                OptionUtils.combine(RuntimeBundles.http(Leftovers.freeLoopbackPorts().nextInt(), 10_000),
                        RuntimeBundles.reactorBundle("callmanager").start(false)));
    }

    /** Configures both through the fixture and returns once the server runs and the phone has its configuration. */
    static void configure(BundleContext context, FrameworkFixture framework) throws Exception {
        PrimitiveIterator.OfInt ports = Leftovers.freeLoopbackPorts();
        int serverPort = ports.nextInt();
        int phonePort = ports.nextInt();
        framework.configure("io.vtgoconnect.callmanager", Map.of("sip.port", serverPort));
        framework.configureFactory("io.vtgoconnect.callmanager.line", Map.of("number", "2001", ".password", "secret-2001"));
        framework.configureFactory("io.vtgoconnect.callmanager.endpoint", Map.of("number", "2004", "behaviour", "ANSWER"));
        framework.installed("io.vtgoconnect.callmanager").start();
        framework.configure("io.vtgoconnect.transport.sip.phone", Map.of("sip.port", phonePort));
        framework.configureFactory("io.vtgoconnect.transport.sip.line",
                Map.of("number", "2001", "registrar", "127.0.0.1:" + serverPort, "password.file",
                        framework.passwordFile("secret-2001")));
        awaitService(context, "(&(objectClass=io.vtgoconnect.callmanager.internal.CallManager)(sip.port=" + serverPort + "))");
        awaitService(context, "(&(objectClass=io.vtgoconnect.callmanager.internal.directory.DirectoryEntry)(number=2004))");
        ConfiguredSoftphone.await(context, phonePort, 1);
    }

    static void awaitService(BundleContext context, String filter) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null);
        tracker.open(true);
        try {
            assertNotNull("No service " + filter + " within " + Leftovers.WAIT.toSeconds() + " s",
                    tracker.waitForService(Leftovers.WAIT.toMillis()));
        } finally {
            tracker.close();
        }
    }
}
