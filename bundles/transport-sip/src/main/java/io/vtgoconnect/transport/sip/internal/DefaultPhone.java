package io.vtgoconnect.transport.sip.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The phone of configuration {@value PhoneSettings#PID} (or of its defaults), with the lines that
 * name no phone or this one: the phone commands act on unless told otherwise (it ranks first).
 * {@link DefaultPhoneSwitch} enables it when it is configured or no other phone is.
 */
@Component(service = {}, configurationPid = PhoneSettings.PID, enabled = false)
@Designate(ocd = PhoneSettings.class)
public class DefaultPhone extends ConfiguredPhone {
    @Activate
    public DefaultPhone(PhoneSettings settings, @Reference LoggerFactory logs, @Reference LevelDemand levels,
            @Reference SharedMedia media, BundleContext context) {
        super(settings, logs, levels, media, context, 1);
    }

    @Override
    boolean takes(ConfiguredLine line) {
        return line.phone().isEmpty() || line.phone().equals(name());
    }
}
