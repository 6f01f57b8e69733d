package io.vtgoconnect.sipstack;

import java.util.Locale;

/** The transport a line uses to reach its call server. */
public enum SipTransportKind {
    UDP, TCP, TLS;

    /** The name JAIN-SIP and the Via header use: udp, tcp or tls. */
    public String protocol() {
        return name().toLowerCase(Locale.ROOT);
    }
}
