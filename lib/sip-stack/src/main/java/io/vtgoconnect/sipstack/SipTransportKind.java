package io.vtgoconnect.sipstack;

import java.util.Locale;

/** The transport a line uses to reach its call server. */
public enum SipTransportKind {
    UDP, TCP;

    /** The name JAIN-SIP and the Via header use: udp or tcp. */
    public String protocol() {
        return name().toLowerCase(Locale.ROOT);
    }
}
