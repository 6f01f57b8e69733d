package io.vtgoconnect.remote.internal;

import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import java.util.Hashtable;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The remote API's handler of the audio level readings ({@link EventTopics#METER}), registered
 * only while some connection subscribes to them or waits for one, with an {@code event.filter} of
 * the phones asked for: a phone measures its audio only while a handler of that group takes its
 * readings, so that what nobody asks for costs nothing.
 */
final class MeterFeed {
    /** In the phones asked for: every phone. */
    static final String EVERY_PHONE = "*";

    private final BundleContext context;
    private final EventHandler endpoint;
    private ServiceRegistration<EventHandler> registration;
    private Set<String> phones = Set.of();

    /** @param endpoint where the readings go */
    MeterFeed(BundleContext context, EventHandler endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Registers the handler for the phones named ({@value #EVERY_PHONE}: all), changes it, or withdraws it for none. */
    synchronized void wanted(Set<String> wanted) {
        if (wanted.equals(phones)) {
            return;
        }
        phones = Set.copyOf(wanted);
        if (phones.isEmpty()) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // The bundle stops: its services go with it.
            }
            registration = null;
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, EventTopics.METER + "*");
        if (!phones.contains(EVERY_PHONE)) {
            properties.put(EventConstants.EVENT_FILTER, "(|" + phones.stream().sorted()
                    .map(phone -> "(" + EventProperties.PHONE + "=" + escaped(phone) + ")").collect(Collectors.joining()) + ")");
        }
        if (registration == null) {
            registration = context.registerService(EventHandler.class, endpoint::handleEvent, properties);
        } else {
            registration.setProperties(properties);
        }
    }

    /** A value in an LDAP filter: its special characters escaped. */
    private static String escaped(String value) {
        return value.replaceAll("([\\\\*()])", "\\\\$1");
    }
}
