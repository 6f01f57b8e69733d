package io.vtgoconnect.transport.sip.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The phone of configuration {@value PhoneSettings#PID} (or of its defaults), with the lines that
 * name no phone or this one: the phone commands act on unless told otherwise (it ranks first).
 * {@link DefaultPhoneSwitch} enables it when it is configured or no other phone is.
 */
@Component(service = {}, configurationPid = PhoneSettings.PID, enabled = false)
@Designate(ocd = PhoneSettings.class)
public class DefaultPhone {
    private final SipSoftphone phone;
    private final BundleContext context;
    private PhoneService service;

    @Activate
    public DefaultPhone(PhoneSettings settings, @Reference LoggerFactory logs, @Reference LevelDemand levels,
            BundleContext context) {
        this.phone = new SipSoftphone(settings, logs, levels);
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLine")
    void addLine(ConfiguredLine line) {
        if (line.phone().isEmpty() || line.phone().equals(PhoneService.name(phone.settings()))) {
            phone.addLine(line);
        }
    }

    void removeLine(ConfiguredLine line) {
        phone.removeLine(line);
    }

    /** Offered once SCR has bound the lines there are (after the constructor), so that no one finds the phone without them. */
    @Activate
    void offer() {
        service = new PhoneService(context, phone, 1);
    }

    @Deactivate
    void deactivate() {
        service.withdraw();
    }
}
