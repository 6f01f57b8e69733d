package io.vtgoconnect.transport.sip.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One more phone: a factory configuration {@value PhoneSettings#FACTORY_PID} each (the keys of the
 * phone configuration), with the lines that name it.
 */
@Component(service = {}, configurationPid = PhoneSettings.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PhoneSettings.class, factory = true)
public class AddedPhone extends ConfiguredPhone {
    @Activate
    public AddedPhone(PhoneSettings settings, @Reference LoggerFactory logs, @Reference LevelDemand levels,
            @Reference SharedMedia media, BundleContext context) {
        super(settings, logs, levels, media, context, 0);
    }

    @Override
    boolean takes(ConfiguredLine line) {
        return line.phone().equals(name());
    }
}
