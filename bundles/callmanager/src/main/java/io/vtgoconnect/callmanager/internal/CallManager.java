package io.vtgoconnect.callmanager.internal;

import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The embedded call server: a SIP registrar and back-to-back user agent on {@value ServerSettings#PID}'s
 * address (127.0.0.1:5060 unless configured), its directory from the line, device and endpoint
 * factory configurations, the device configuration service and the ACD's agent API over HTTP, and
 * the ACD's agents, reason codes and queues from their factory configurations.
 */
@Component(service = CallManager.class, configurationPid = ServerSettings.PID, immediate = true)
@Designate(ocd = ServerSettings.class)
public class CallManager {
    private final Directory directory = new Directory();
    private final AcdConfiguration acdConfiguration = new AcdConfiguration();
    private SipServer server;
    private TestEndpoints endpoints;
    private WebServer web;
    private Acd acd;
    /** Why the server is not running, when it could not start. */
    private String failure;

    /**
     * Starts serving. When a port is taken (another SIP server on this machine, say) the server
     * stays down and says so in one line, rather than failing the whole component with a trace.
     */
    @Activate
    public CallManager(ServerSettings settings) {
        try {
            server = SipServer.start(settings, directory);
            endpoints = new TestEndpoints(server.board(), directory, server.worker());
            server.add(endpoints);
            web = WebServer.start(settings.sip_address(), settings.http_port());
            DeviceConfigurations.serve(web, settings.sip_address(), settings.sip_port(), this::profileOf);
            acd = Acd.start(server, directory, acdConfiguration, web);
        } catch (Exception e) {
            failure = "cannot listen on " + settings.sip_address() + " (SIP " + settings.sip_port() + ", HTTP "
                    + settings.http_port() + "): " + rootMessage(e);
            deactivate();
            System.err.println("VTGOConnect call server not started: " + failure + ".");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Deactivate
    void deactivate() {
        if (acd != null) {
            acd.close();
        }
        if (web != null) {
            web.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Optional<DeviceConfigurations.DeviceProfile> profileOf(String deviceName) {
        return directory.device(deviceName).map(device -> new DeviceConfigurations.DeviceProfile(device.name(),
                device.lines().stream().flatMap(number -> directory.line(number).stream()).toList(), device.speedDials()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLine")
    void addLine(DirectoryLine line) {
        directory.add(line.entry());
    }

    void removeLine(DirectoryLine line) {
        directory.remove(line.entry());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeDevice")
    void addDevice(DirectoryDevice device) {
        directory.add(device.entry());
    }

    void removeDevice(DirectoryDevice device) {
        directory.remove(device.entry());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeEndpoint")
    void addEndpoint(TestEndpoint endpoint) {
        directory.add(endpoint.entry());
    }

    void removeEndpoint(TestEndpoint endpoint) {
        directory.remove(endpoint.entry());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeAgent")
    void addAgent(AcdAgent agent) {
        acdConfiguration.add(agent.entry());
    }

    void removeAgent(AcdAgent agent) {
        acdConfiguration.remove(agent.entry());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeReasonCode")
    void addReasonCode(AcdReasonCode reasonCode) {
        acdConfiguration.add(reasonCode.entry());
    }

    void removeReasonCode(AcdReasonCode reasonCode) {
        acdConfiguration.remove(reasonCode.entry());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeQueue")
    void addQueue(AcdQueue queue) {
        acdConfiguration.add(queue.entry());
    }

    void removeQueue(AcdQueue queue) {
        acdConfiguration.remove(queue.entry());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetAcdPolicy")
    void setAcdPolicy(AcdPolicy policy) {
        acdConfiguration.set(policy.entry());
    }

    void unsetAcdPolicy(AcdPolicy policy) {
        acdConfiguration.unset(policy.entry());
    }

    Directory directory() {
        return directory;
    }

    /** The running server; IllegalStateException saying why when it could not start. */
    SipServer server() {
        requireRunning();
        return server;
    }

    TestEndpoints endpoints() {
        requireRunning();
        return endpoints;
    }

    private void requireRunning() {
        if (failure != null) {
            throw new IllegalStateException("The call server is not running: " + failure + ".");
        }
    }
}
