package io.vtgoconnect.itest;

import io.vtgoconnect.api.transport.SoftphoneTransport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The SIP softphone's services as its configuration reaches them, which ConfigAdmin delivers asynchronously. */
final class ConfiguredSoftphone {
    private static final String CONFIGURED_LINE = "io.vtgoconnect.transport.sip.internal.ConfiguredLine";

    private ConfiguredSoftphone() {
    }

    /** Waits until the softphone is registered with the configured SIP port and has its lines. */
    static void await(BundleContext context, int sipPort, int lines) throws InterruptedException {
        String transport = "(&(objectClass=" + SoftphoneTransport.class.getName() + ")(sip.port=" + sipPort + "))";
        Leftovers.await("the softphone on SIP port " + sipPort + " with " + lines + " line(s)", () -> {
            try {
                ServiceReference<?>[] configured = context.getAllServiceReferences(CONFIGURED_LINE, null);
                return context.getAllServiceReferences(null, transport) != null && configured != null
                        && configured.length == lines;
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }
}
