package io.vtgoconnect.transport.sip.internal;

import java.io.IOException;
import java.util.Set;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps the default phone only where it is wanted: when its own configuration ({@value
 * PhoneSettings#PID}) exists, or when no phone is configured at all (no {@value
 * PhoneSettings#FACTORY_PID} and no {@value FarmSettings#FACTORY_PID} configuration), so that a
 * runtime of farms and added phones has no phone it was never given.
 */
@Component
public class DefaultPhoneSwitch implements ConfigurationListener {
    private static final Set<String> PHONE_FACTORIES = Set.of(PhoneSettings.FACTORY_PID, FarmSettings.FACTORY_PID);
    private static final String PHONES = "(|(service.pid=" + PhoneSettings.PID + ")(service.factoryPid="
            + PhoneSettings.FACTORY_PID + ")(service.factoryPid=" + FarmSettings.FACTORY_PID + "))";

    private final ComponentContext components;
    private final ConfigurationAdmin configurations;
    private Boolean enabled;

    @Activate
    public DefaultPhoneSwitch(ComponentContext components, @Reference ConfigurationAdmin configurations) {
        this.components = components;
        this.configurations = configurations;
        decide();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (PhoneSettings.PID.equals(event.getPid()) || PHONE_FACTORIES.contains(event.getFactoryPid())) {
            decide();
        }
    }

    private synchronized void decide() {
        boolean wanted = wanted();
        if (enabled == null || enabled != wanted) {
            enabled = wanted;
            if (wanted) {
                components.enableComponent(DefaultPhone.class.getName());
            } else {
                components.disableComponent(DefaultPhone.class.getName());
            }
        }
    }

    /** Whether the default phone is configured, or no phone is. */
    private boolean wanted() {
        Configuration[] phones;
        try {
            phones = configurations.listConfigurations(PHONES);
        } catch (IOException | InvalidSyntaxException e) {
            // ConfigAdmin cannot say: the phone stays as it is.
            return enabled == null || enabled;
        }
        if (phones == null) {
            return true;
        }
        for (Configuration phone : phones) {
            if (PhoneSettings.PID.equals(phone.getPid())) {
                return true;
            }
        }
        return false;
    }
}
