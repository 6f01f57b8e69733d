package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import org.osgi.service.event.EventAdmin;

/** Wires the real call control to a softphone as DS would; its bind method is package-private, hence this package. */
public final class CoreWiring {
    private CoreWiring() {
    }

    public static CallControl callControl(EventAdmin eventAdmin, SoftphoneTransport softphone) {
        CallControlImpl control = new CallControlImpl(eventAdmin);
        control.bindTransport(softphone);
        return control;
    }
}
