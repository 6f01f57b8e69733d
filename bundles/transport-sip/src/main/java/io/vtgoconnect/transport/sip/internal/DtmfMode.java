package io.vtgoconnect.transport.sip.internal;

/** How the phone sends DTMF digits. */
enum DtmfMode {
    /** RTP telephone events. */
    RFC4733,
    /** SIP INFO requests with an application/dtmf-relay body. */
    SIP_INFO
}
