package io.vtgoconnect.transport.sip.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One line factory configuration, offered to the phone as a service of this bundle. */
@Component(service = ConfiguredLine.class, configurationPid = LineSettings.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LineSettings.class, factory = true)
public final class ConfiguredLine {
    private final SipLine line;
    private final String phone;

    @Activate
    public ConfiguredLine(LineSettings settings) {
        this.line = SipLine.of(settings);
        this.phone = settings.phone().strip();
    }

    SipLine line() {
        return line;
    }

    /** The name of the phone the line belongs to; empty: the phone of the phone configuration. */
    String phone() {
        return phone;
    }
}
