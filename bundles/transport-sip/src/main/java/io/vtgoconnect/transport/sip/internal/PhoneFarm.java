package io.vtgoconnect.transport.sip.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** The phones of one farm configuration ({@value FarmSettings#FACTORY_PID}), each a phone of its own. */
@Component(service = {}, configurationPid = FarmSettings.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FarmSettings.class, factory = true)
public class PhoneFarm {
    private final List<PhoneService> phones = new ArrayList<>();

    @Activate
    public PhoneFarm(FarmSettings settings, @Reference LoggerFactory logs, @Reference LevelDemand levels,
            @Reference SharedMedia media, BundleContext context) {
        FarmPhones farm = new FarmPhones(settings);
        for (int n : farm.numbers()) {
            SipSoftphone phone = new SipSoftphone(farm.settings(n), logs, levels, media.engine());
            farm.lines(n).forEach(phone::addLine);
            phones.add(new PhoneService(context, phone, 0));
        }
    }

    @Deactivate
    void deactivate() {
        phones.forEach(PhoneService::withdraw);
        phones.clear();
    }
}
