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

    @Activate
    public ConfiguredLine(LineSettings settings) {
        this.line = SipLine.of(settings);
    }

    SipLine line() {
        return line;
    }
}
