package io.vtgoconnect.remote.internal;

import io.vtgoconnect.api.event.EventTopics;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The remote API's handler of the audio level readings ({@link EventTopics#METER}), registered
 * only while some connection subscribes to them or waits for one: the phones measure their audio
 * only while a handler of that group is registered, so that no client asking costs nothing.
 */
final class MeterFeed {
    private final BundleContext context;
    private final EventHandler endpoint;
    private ServiceRegistration<EventHandler> registration;

    /** @param endpoint where the readings go */
    MeterFeed(BundleContext context, EventHandler endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Registers the handler, or withdraws it, as the readings are wanted or not. */
    synchronized void wanted(boolean wanted) {
        if (wanted && registration == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(EventConstants.EVENT_TOPIC, EventTopics.METER + "*");
            registration = context.registerService(EventHandler.class, endpoint::handleEvent, properties);
        } else if (!wanted && registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // The bundle stops: its services go with it.
            }
            registration = null;
        }
    }
}
