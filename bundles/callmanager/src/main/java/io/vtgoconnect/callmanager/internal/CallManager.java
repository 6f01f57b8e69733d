package io.vtgoconnect.callmanager.internal;

import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The embedded call server: a SIP registrar and back-to-back user agent on {@value ServerSettings#PID}'s
 * address (127.0.0.1:5060 unless configured), its directory from the line, device and endpoint
 * factory configurations, its features (pickup, meet-me, callback, barge, watch) and the device
 * configuration service over HTTP.
 */
@Component(service = CallManager.class, configurationPid = ServerSettings.PID, immediate = true)
@Designate(ocd = ServerSettings.class)
public class CallManager {
    private final Directory directory = new Directory();
    private final SipServer server;
    private final TestEndpoints endpoints;
    private final DeviceConfigurations deviceConfigurations;

    @Activate
    public CallManager(ServerSettings settings) throws Exception {
        FeatureCodes codes = FeatureCodes.parse(settings.feature_codes());
        NumberRange meetMe = NumberRange.parse(settings.meetme_numbers());
        this.server = SipServer.start(settings, directory);
        this.endpoints = new TestEndpoints(server.board(), directory, server.worker());
        server.add(endpoints);
        server.add(new CallPickup(server.board(), server.routing(), directory, codes));
        server.add(new MeetMe(server.board(), meetMe));
        server.add(new Callback(server.board(), server.routing(), server.registrar(), directory, server.worker(), codes));
        server.add(new CallIntrusion(server.board(), codes));
        try {
            this.deviceConfigurations = DeviceConfigurations.start(settings.sip_address(), settings.http_port(),
                    settings.sip_address(), settings.sip_port(), this::profileOf);
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        deviceConfigurations.close();
        server.close();
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

    Directory directory() {
        return directory;
    }

    SipServer server() {
        return server;
    }

    TestEndpoints endpoints() {
        return endpoints;
    }
}
