package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryDevice;
import io.vtgoconnect.callmanager.internal.directory.DirectoryEntry;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.directory.Secret;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoint;
import io.vtgoconnect.callmanager.internal.em.ExtensionMobility;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoints;
import io.vtgoconnect.callmanager.internal.http.Http;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceConfigurations;
import io.vtgoconnect.callmanager.internal.registrar.BindingStore;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.transport.sip.internal.RecordingListener;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The call server on free loopback ports with a small directory: lines 2001 to 2003, 2009 (for SIPp) and 2301
 * (password {@code secret-<number>}; 2001 and 2002 in pickup group 1, 2003 in group 2, 2009 and 2301 in
 * none), device SEP001122334455 (password {@value #DEVICE_PASSWORD}) with 2001 and 2301 and four speed dials
 * (the last unassigned), and
 * test endpoints 2004 (answers), 2005 (busy), 2006 (never answers), 2007 (echo) and 2008 (440 Hz tone);
 * its features and endpoints wired to it as DS wires them.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String DEVICE = "SEP001122334455";
    static final String DEVICE_PASSWORD = "secret-" + DEVICE;

    final int sipPort = FreePorts.udpAndTcp();
    final int httpPort = FreePorts.udpAndTcp();
    final TestLogs logs = new TestLogs();
    final Directory directory = new Directory();
    final ServerSettings settings;
    final CallManager server;
    final TestEndpoints endpoints;
    final TestHttp http;

    /** @param settings pairs of a server setting's method name and its value */
    EmbeddedServer(Object... settings) throws Exception {
        this(BindingStore.NONE, settings);
    }

    /** The server keeping its registrations in the store. */
    EmbeddedServer(BindingStore bindings, Object... settings) throws Exception {
        Map<String, Object> values = ConfigAnnotations.pairs(settings);
        values.putIfAbsent("sip_port", sipPort);
        this.settings = ConfigAnnotations.of(ServerSettings.class, values);
        Map<String, String> pickupGroups = Map.of("2001", "1", "2002", "1", "2003", "2", "2009", "", "2301", "");
        pickupGroups.forEach((number, group) -> add(new DirectoryLine(ConfigAnnotations.of(
                DirectoryLine.Settings.class, Map.of("number", number, "_password", password(number), "pickup_group", group)))));
        server = new CallManager(directory, CallServerStart.open(this.settings, directory, logs.factory(), bindings));
        endpoints = new TestEndpoints(server);
        server.addService(endpoints);
        new CallPickup(server);
        new MeetMe(server, this.settings);
        new Callback(server);
        new CallIntrusion(server);
        http = new TestHttp(httpPort, this.settings);
        ExtensionMobility extensionMobility = new ExtensionMobility(server, this.settings);
        http.serve(Http.EXTENSION_MOBILITY, ExtensionMobility.PATH, extensionMobility);
        http.serve(Http.DEVICE_CONFIGURATION, "*.xml", new DeviceConfigurations(directory, this.settings, extensionMobility));
        add(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class, Map.of("name", DEVICE,
                "lines", new String[] {"2001", "2301"}, "speed_dials", new String[] {"2004", "2005|Busy", "2007", ""},
                "_password", Secret.hash(DEVICE_PASSWORD)))));
        endpoint("2004", TestEndpoint.Behaviour.ANSWER);
        endpoint("2005", TestEndpoint.Behaviour.BUSY);
        endpoint("2006", TestEndpoint.Behaviour.NEVER);
        endpoint("2007", TestEndpoint.Behaviour.ECHO);
        endpoint("2008", TestEndpoint.Behaviour.TONE);
    }

    void add(DirectoryEntry entry) {
        directory.add(entry);
    }

    private void endpoint(String number, TestEndpoint.Behaviour behaviour) {
        add(new TestEndpoint(ConfigAnnotations.of(TestEndpoint.Settings.class,
                Map.of("number", number, "behaviour", behaviour, "answer_delay", 100))));
    }

    static String password(String number) {
        return "secret-" + number;
    }

    /** One of our phones with the line registered here. */
    RegisteredPhone phone(String number, Object... settings) {
        return new RegisteredPhone(number, password(number), sipPort, settings);
    }

    /** The test endpoint calls the number through the server, as cm:call does. */
    void endpointCalls(String endpoint, String number) {
        server.worker().call(() -> {
            endpoints.call(endpoint, number);
            return null;
        });
    }

    /** Waits until the line's phones acknowledged (200) a message-waiting NOTIFY that holds the text. @return its body */
    String awaitMessageWaiting(String number, String text) {
        return await("the phones of " + number + " acknowledging message waiting with \"" + text + "\"",
                () -> server.messageWaiting().acknowledged(number),
                summary -> summary.filter(body -> body.contains(text)).isPresent()).orElseThrow();
    }

    /** Waits until the server has hung up or seen the end of every call. */
    void awaitNoCalls() {
        await("every call ended", () -> server.board().legs(), List::isEmpty);
    }

    /** Waits until what is read on the server's worker matches. @return what was read then */
    private <T> T await(String what, Callable<T> read, Predicate<T> matching) {
        long deadline = System.nanoTime() + RecordingListener.TIMEOUT.toNanos();
        T seen = server.worker().call(read);
        while (!matching.test(seen)) {
            if (System.nanoTime() > deadline) {
                fail("No " + what + " within " + RecordingListener.TIMEOUT.toSeconds() + " s; last seen: " + seen);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            seen = server.worker().call(read);
        }
        return seen;
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty does not stop", e);
        }
        server.server().close();
    }
}
