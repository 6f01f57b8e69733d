package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * A phone offered as a SoftphoneTransport service, with its name, its device and a ranking, so
 * that call control makes it a phone of its own; withdrawn, it stops.
 */
final class PhoneService {
    private final SipSoftphone phone;
    private final ServiceRegistration<SoftphoneTransport> registration;

    PhoneService(BundleContext context, SipSoftphone phone, int ranking) {
        this.phone = phone;
        PhoneSettings settings = phone.settings();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(CallControl.PHONE, name(settings));
        properties.put(CallControl.DEVICE, settings.device_name());
        // Its SIP port, as its configuration says: an embedding application or a test finds a phone by it.
        properties.put("sip.port", settings.sip_port());
        properties.put(Constants.SERVICE_RANKING, ranking);
        this.registration = context.registerService(SoftphoneTransport.class, phone, properties);
    }

    /** The phone's name: the configured one, else its device name. */
    static String name(PhoneSettings settings) {
        return settings.name().isBlank() ? settings.device_name().strip() : settings.name().strip();
    }

    SipSoftphone phone() {
        return phone;
    }

    void withdraw() {
        try {
            registration.unregister();
        } catch (IllegalStateException gone) {
            // The bundle stops: its services go with it.
        }
        phone.deactivate();
    }
}
