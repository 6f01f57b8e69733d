package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.FeatureCodes;

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
 * factory configurations, its features (pickup, meet-me, callback, barge, watch), the device
 * configuration service over HTTP, and the ACD (agents, reason codes and queues from their factory
 * configurations, the agent API over HTTP).
 */
@Component(service = CallManager.class, configurationPid = ServerSettings.PID, immediate = true)
@Designate(ocd = ServerSettings.class)
public class CallManager {
    private final Directory directory = new Directory();
    private final AcdConfiguration acdConfiguration = new AcdConfiguration();
    private SipServer server;
    private TestEndpoints endpoints;
    private DeviceConfigurations deviceConfigurations;
    private ExtensionMobility extensionMobility;
    private Acd acd;
    /** Why the server is not running, when it could not start. */
    private String failure;

    /**
     * Starts serving. When a port is taken (another SIP server on this machine, say) or a setting is
     * wrong, the server stays down and says so in one line, rather than failing the whole component
     * with a trace.
     */
    @Activate
    public CallManager(ServerSettings settings) {
        FeatureCodes codes;
        NumberRange meetMe;
        NumberRange park;
        try {
            codes = FeatureCodes.parse(settings.feature_codes());
            meetMe = NumberRange.parse("meetme.numbers", settings.meetme_numbers());
            park = NumberRange.parse("park.range", settings.park_range());
        } catch (IllegalArgumentException e) {
            stayDown("a setting is wrong: " + e.getMessage());
            return;
        }
        try {
            server = SipServer.start(settings, codes, park, directory);
            endpoints = new TestEndpoints(server.board(), directory, server.worker());
            server.add(endpoints);
            server.add(new CallPickup(server.board(), server.routing(), directory, codes));
            server.add(new MeetMe(server.board(), meetMe));
            server.add(new Callback(server.board(), server.routing(), server.registrar(), directory, server.worker(), codes));
            server.add(new CallIntrusion(server.board(), codes));
            extensionMobility = new ExtensionMobility(directory, settings.em_app_user(), settings._em_app_password(),
                    (device, before) -> server.worker().execute(() -> server.checkSync(before)));
            deviceConfigurations = DeviceConfigurations.start(settings.sip_address(), settings.http_port(),
                    settings.sip_address(), settings.sip_port(), extensionMobility::profileOf);
            deviceConfigurations.register(ExtensionMobility.PATH, extensionMobility::handle);
            acd = Acd.start(server, directory, acdConfiguration, deviceConfigurations);
        } catch (IllegalArgumentException e) {
            stayDown("a setting is wrong: " + e.getMessage());
        } catch (Exception e) {
            stayDown("cannot listen on " + settings.sip_address() + " (SIP " + settings.sip_port() + ", HTTP "
                    + settings.http_port() + "): " + rootMessage(e));
        }
    }

    private void stayDown(String why) {
        failure = why;
        deactivate();
        System.err.println("VTGOConnect call server not started: " + failure + ".");
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
        if (deviceConfigurations != null) {
            deviceConfigurations.close();
        }
        if (server != null) {
            server.close();
        }
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeUser")
    void addUser(DirectoryUser user) {
        directory.add(user.entry());
    }

    void removeUser(DirectoryUser user) {
        directory.remove(user.entry());
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
