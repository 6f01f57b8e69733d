package io.vtgoconnect.transport.sip.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One more phone: a factory configuration {@value PhoneSettings#FACTORY_PID} each (the keys of the
 * phone configuration), with the lines that name it.
 */
@Component(service = {}, configurationPid = PhoneSettings.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PhoneSettings.class, factory = true)
public class AddedPhone {
    private final SipSoftphone phone;
    private final BundleContext context;
    private PhoneService service;

    @Activate
    public AddedPhone(PhoneSettings settings, @Reference LoggerFactory logs, @Reference LevelDemand levels,
            BundleContext context) {
        this.phone = new SipSoftphone(settings, logs, levels);
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLine")
    void addLine(ConfiguredLine line) {
        if (line.phone().equals(PhoneService.name(phone.settings()))) {
            phone.addLine(line);
        }
    }

    void removeLine(ConfiguredLine line) {
        phone.removeLine(line);
    }

    /** Offered once SCR has bound the lines there are (after the constructor), so that no one finds the phone without them. */
    @Activate
    void offer() {
        service = new PhoneService(context, phone, 0);
    }

    @Deactivate
    void deactivate() {
        service.withdraw();
    }
}
