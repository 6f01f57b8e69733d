package io.vtgoconnect.transport.sip.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LoggerFactory;

/**
 * A phone made from its configuration, with the lines it {@link #takes}, offered as a service
 * with a ranking. Its components ({@link DefaultPhone}, {@link AddedPhone}) inherit the line
 * reference and the life cycle from here (bnd's {@code -dsannotations-options: inherit}).
 */
abstract class ConfiguredPhone {
    private final SipSoftphone phone;
    private final BundleContext context;
    private final int ranking;
    private PhoneService service;

    ConfiguredPhone(PhoneSettings settings, LoggerFactory logs, LevelDemand levels, SharedMedia media, BundleContext context,
            int ranking) {
        this.phone = new SipSoftphone(settings, logs, levels, media.engine());
        this.context = context;
        this.ranking = ranking;
    }

    /** Whether the line, by the phone it names, belongs to this one. */
    abstract boolean takes(ConfiguredLine line);

    /** This phone's name, which lines name to belong to it. */
    final String name() {
        return PhoneService.name(phone.settings());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLine")
    void addLine(ConfiguredLine line) {
        if (takes(line)) {
            phone.addLine(line);
        }
    }

    void removeLine(ConfiguredLine line) {
        phone.removeLine(line);
    }

    /** Offered once SCR has bound the lines there are (after the constructor), so that no one finds the phone without them. */
    @Activate
    void offer() {
        service = new PhoneService(context, phone, ranking);
    }

    @Deactivate
    void deactivate() {
        service.withdraw();
    }
}
