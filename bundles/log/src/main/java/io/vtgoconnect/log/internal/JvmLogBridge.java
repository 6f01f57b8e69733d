package io.vtgoconnect.log.internal;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LoggerFactory;

/**
 * Sends what the JVM's own logging receives (java.util.logging, and System.Logger, which the JDK
 * backs with it) to the OSGi Log Service, in place of the JVM's console handler, which would print
 * every record with its stack trace on standard error. Libraries that know nothing of OSGi (the
 * media engine, the SIP stack) log that way.
 */
@Component(service = {}, immediate = true)
public class JvmLogBridge {
    private final java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    private final List<Handler> replaced;
    private final ForwardingHandler forwarding;

    @Activate
    public JvmLogBridge(@Reference LoggerFactory loggers) {
        replaced = List.of(root.getHandlers());
        replaced.forEach(root::removeHandler);
        forwarding = new ForwardingHandler(loggers);
        root.addHandler(forwarding);
    }

    @Deactivate
    void deactivate() {
        root.removeHandler(forwarding);
        replaced.forEach(root::addHandler);
    }
}
