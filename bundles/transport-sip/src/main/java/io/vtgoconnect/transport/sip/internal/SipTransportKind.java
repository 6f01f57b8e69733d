package io.vtgoconnect.transport.sip.internal;

import java.util.Locale;

/** The transport a line uses to reach its call server. */
enum SipTransportKind {
    UDP, TCP;

    /** The name JAIN-SIP and the Via header use: udp or tcp. */
    String protocol() {
        return name().toLowerCase(Locale.ROOT);
    }
}
