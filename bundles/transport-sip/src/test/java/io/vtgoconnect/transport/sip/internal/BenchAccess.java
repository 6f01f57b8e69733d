package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.testing.peers.Kamailio;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * For the benchmarks in package {@code bench}, which cannot reach this package's classes: a phone
 * built as the tests build it (see {@link Configs}), and the RTP session of one of its calls.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** A phone on the loopback SIP port with line {@code number} (password as Kamailio's) registering at the port. */
    public static SoftphoneTransport phone(int sipPort, int rtpPortMin, int rtpPortMax, String number, int registrarPort) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort, "rtp_port_min", rtpPortMin, "rtp_port_max", rtpPortMax));
        phone.addLine(Configs.line(number, Kamailio.password(number), registrarPort));
        return phone;
    }

    /**
     * The call's RTP session, read on the phone's worker. The phone exposes no session, so this
     * reads private fields (SipSoftphone.running, RunningPhone.calls, CallMedia.session): a
     * benchmark's shortcut that breaks when they are renamed.
     */
    public static RtpSession media(SoftphoneTransport transport, CallRef call) {
        try {
            Object running = ((AtomicReference<?>) field(SipSoftphone.class, "running").get(transport)).get();
            if (!(running instanceof RunningPhone phone)) {
                throw new IllegalStateException("the phone is not running");
            }
            Field calls = field(RunningPhone.class, "calls");
            Field session = field(CallMedia.class, "session");
            return phone.worker().call(() -> {
                SipCall sipCall = (SipCall) ((Map<?, ?>) calls.get(phone)).get(call);
                if (sipCall == null) {
                    throw new IllegalStateException("no call " + call);
                }
                return (RtpSession) session.get(sipCall.media);
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The phone's fields changed; update BenchAccess.media: " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
