package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.testing.peers.Kamailio;

/**
 * For the benchmarks in package {@code bench}, which cannot reach this package's classes: a phone
 * built as the tests build it (see {@link Configs}), and the RTP session of one of its calls.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** A phone on the loopback SIP port with line {@code number} (password as Kamailio's) registering at the port. */
    public static SoftphoneTransport phone(int sipPort, int rtpPortMin, int rtpPortMax, String number, int registrarPort) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort, "rtp_port_min", rtpPortMin, "rtp_port_max", rtpPortMax), TestLogs.FACTORY);
        phone.addLine(Configs.line(number, Kamailio.password(number), registrarPort));
        return phone;
    }

    /** The call's RTP session, read on the phone's worker. */
    public static RtpSession media(SoftphoneTransport transport, CallRef call) {
        return ((SipSoftphone) transport).obtain(phone -> phone.call(call).media.session());
    }
}
