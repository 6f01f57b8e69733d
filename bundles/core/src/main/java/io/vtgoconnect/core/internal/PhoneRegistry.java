package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.event.PhoneEventListener;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;

/**
 * Every phone: one call control for each softphone service, registered as a CallControl service
 * with the phone's name ({@code vtgo.phone}), device ({@code vtgo.device}) and service ranking, so
 * that a plug-in or an embedding application finds a phone by name. A softphone that names itself
 * is known by that name, else by its device name, else as {@code softphone-<service.id>}. Every
 * phone tells the {@link PhoneEventListener} services of its events.
 */
@Component(service = PhoneRegistry.class, immediate = true)
public class PhoneRegistry {
    private final EventAdmin eventAdmin;
    private final BundleContext context;
    private final PhoneEventListeners listeners = new PhoneEventListeners();
    private final Map<SoftphoneTransport, Entry> phones = new ConcurrentHashMap<>();
    /** Each phone's CallControl, offered once the phone is listed: whoever finds the service finds the phone here. */
    private final Map<SoftphoneTransport, ServiceRegistration<CallControl>> offered = new ConcurrentHashMap<>();
    /** What commands act on while no softphone is installed: RunProgram says so. */
    private final Phone none;

    private record Entry(Phone phone, int ranking, CallControlImpl control) {
    }

    @Activate
    public PhoneRegistry(@Reference EventAdmin eventAdmin, BundleContext context) {
        this.eventAdmin = eventAdmin;
        this.context = context;
        this.none = new Phone("", "", new CallControlImpl(eventAdmin, listeners, ""));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeListener")
    void addListener(PhoneEventListener listener) {
        listeners.add(listener);
    }

    void removeListener(PhoneEventListener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeTransport")
    synchronized void addTransport(SoftphoneTransport transport, Map<String, Object> properties) {
        String name = name(properties);
        String device = properties.get(CallControl.DEVICE) instanceof String text ? text : "";
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer value ? value : 0;
        CallControlImpl control = new CallControlImpl(eventAdmin, listeners, name);
        control.bindTransport(transport);
        Hashtable<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(CallControl.PHONE, name);
        serviceProperties.put(CallControl.DEVICE, device);
        serviceProperties.put(Constants.SERVICE_RANKING, ranking);
        phones.put(transport, new Entry(new Phone(name, device, control), ranking, control));
        offered.put(transport, context.registerService(CallControl.class, control, serviceProperties));
    }

    synchronized void removeTransport(SoftphoneTransport transport) {
        // Unlisted before its service goes: whoever sees the service go (RemoveFarm, waiting for its
        // phones to be gone) finds the phone gone from the commands too.
        Entry entry = phones.remove(transport);
        ServiceRegistration<CallControl> registration = offered.remove(transport);
        if (registration != null) {
            unregister(registration);
        }
        if (entry != null) {
            entry.control().unbindTransport(transport);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        offered.values().forEach(PhoneRegistry::unregister);
        offered.clear();
        phones.clear();
    }

    private static void unregister(ServiceRegistration<CallControl> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException gone) {
            // The framework stops: every service goes.
        }
    }

    /** A name no other phone has: the softphone's own, its device's, or one made of its service id. */
    private String name(Map<String, Object> properties) {
        String wanted = properties.get(CallControl.PHONE) instanceof String text && !text.isBlank() ? text.strip()
                : properties.get(CallControl.DEVICE) instanceof String device && !device.isBlank() ? device.strip()
                : "softphone-" + properties.get(Constants.SERVICE_ID);
        boolean taken = phones.values().stream().anyMatch(entry -> entry.phone().name().equals(wanted));
        return taken ? wanted + "-" + properties.get(Constants.SERVICE_ID) : wanted;
    }

    /** Every phone, highest service ranking first, then by name. */
    List<Phone> phones() {
        return phones.values().stream()
                .sorted(Comparator.comparingInt((Entry entry) -> -entry.ranking()).thenComparing(entry -> entry.phone().name()))
                .map(Entry::phone).toList();
    }

    Optional<Phone> phone(String name) {
        return phones.values().stream().map(Entry::phone).filter(phone -> phone.name().equals(name)).findFirst();
    }

    /** The phone commands act on when none is named: the first, or, with no softphone installed, none. */
    Phone first() {
        List<Phone> all = phones();
        return all.isEmpty() ? none : all.get(0);
    }

    /** What the phone is doing, in a few words. */
    String status(Phone phone) {
        return phone.control() instanceof CallControlImpl control ? control.status() : "";
    }
}
