package io.vtgoconnect.itest;

import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The SIP softphone's services as its configuration reaches them, which ConfigAdmin delivers asynchronously. */
final class ConfiguredSoftphone {
    private static final String CONFIGURED_LINE = "io.vtgoconnect.transport.sip.internal.ConfiguredLine";

    private ConfiguredSoftphone() {
    }

    /**
     * Waits until the softphone is registered with the configured SIP port and has its lines, and
     * call control offers it: what RunProgram needs.
     */
    static void await(BundleContext context, int sipPort, int lines) throws InterruptedException {
        String transport = "(&(objectClass=" + SoftphoneTransport.class.getName() + ")(sip.port=" + sipPort + "))";
        Leftovers.await("the softphone on SIP port " + sipPort + " with " + lines + " line(s), under call control", () -> {
            try {
                ServiceReference<?>[] configured = context.getAllServiceReferences(CONFIGURED_LINE, null);
                ServiceReference<?>[] phones = context.getAllServiceReferences(null, transport);
                return phones != null && configured != null && configured.length == lines
                        && context.getAllServiceReferences(CallControl.class.getName(),
                                "(" + CallControl.PHONE + "=" + phones[0].getProperty(CallControl.PHONE) + ")") != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }
}
