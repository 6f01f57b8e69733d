package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.sipstack.SipTransportKind;
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

    /**
     * A phone on the loopback SIP port whose line {@code number} registers at {@code registrar}
     * (as the setting writes it) over the transport; {@code settings} are pairs of a phone setting's
     * method name and its value (the TLS ones, say).
     */
    public static SoftphoneTransport phone(int sipPort, String number, String registrar, SipTransportKind transport,
            Object... settings) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort, settings), TestLogs.FACTORY);
        phone.addLine(Configs.line(number, Kamailio.password(number), registrar, "transport", transport,
                "keepalive_interval", 0));
        return phone;
    }

    /** A file whose first line is the password, readable by the user only, as a password setting names. */
    public static String passwordFile(String password) {
        return Configs.passwordFile(password).toString();
    }

    /** The call's RTP session, read on the phone's worker. */
    public static RtpSession media(SoftphoneTransport transport, CallRef call) {
        return ((SipSoftphone) transport).obtain(phone -> phone.call(call).media.session());
    }
}
