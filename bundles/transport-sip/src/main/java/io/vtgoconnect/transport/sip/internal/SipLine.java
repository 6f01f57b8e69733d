package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.media.srtp.SrtpSuite;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.sipstack.SrtpMode;
import io.vtgoconnect.sipstack.SrtpPolicy;
import java.util.Arrays;
import java.util.Objects;

/** A line as configured: what the phone registers and how. Its text never shows its secret. */
record SipLine(int position, String number, String label, String sipUser, String authUser, LineSecret secret,
        HostPort registrar, SipTransportKind transport, int expirySeconds, int keepAliveSeconds, SrtpPolicy srtp) {
    private static final int DEFAULT_SIP_PORT = 5060;
    private static final int DEFAULT_SIPS_PORT = 5061;

    SipLine {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(srtp, "srtp");
        label = label == null ? "" : label;
        sipUser = sipUser == null || sipUser.isBlank() ? number : sipUser;
        authUser = authUser == null || authUser.isBlank() ? sipUser : authUser;
        secret = secret == null ? LineSecret.password("") : secret;
        if (expirySeconds < 1) {
            throw new IllegalArgumentException("The expiry of line " + number + " is not positive: " + expirySeconds);
        }
    }

    /** A line with plain RTP (a line of a device configuration, which says nothing of SRTP). */
    SipLine(int position, String number, String label, String sipUser, String authUser, LineSecret secret,
            HostPort registrar, SipTransportKind transport, int expirySeconds, int keepAliveSeconds) {
        this(position, number, label, sipUser, authUser, secret, registrar, transport, expirySeconds, keepAliveSeconds,
                SrtpPolicy.OFF);
    }

    /**
     * The keep-alive interval; none on a TLS line, whose OPTIONS to its own address do not come
     * back over the connection it registered on (the registration's refresh still finds a lost one).
     */
    private static int keepAlive(LineSettings settings) {
        return settings.transport() == SipTransportKind.TLS ? 0 : settings.keepalive_interval();
    }

    static SipLine of(LineSettings settings) {
        return new SipLine(settings.position(), settings.number().trim(), settings.label(), settings.sip_user(),
                settings.auth_user(), LineSecret.password(SecretFile.firstLine(settings.password_file())), HostPort.parse(settings.registrar(),
                        settings.transport() == SipTransportKind.TLS ? DEFAULT_SIPS_PORT : DEFAULT_SIP_PORT),
                settings.transport(), settings.expiry(), keepAlive(settings),
                srtp(settings.srtp(), settings.srtp_suites()));
    }

    /**
     * The line's SRTP policy.
     * @throws IllegalArgumentException naming a suite the phone does not know
     */
    static SrtpPolicy srtp(SrtpMode mode, String[] suites) {
        if (mode == SrtpMode.OFF) {
            return SrtpPolicy.OFF;
        }
        return new SrtpPolicy(mode, Arrays.stream(suites).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> SrtpSuite.named(name).orElseThrow(() -> new IllegalArgumentException("The SRTP suite "
                        + name + " is none of " + Arrays.toString(SrtpSuite.values()))))
                .toList());
    }

    /** The line as call control knows it, with its id and button. */
    LineConfig config(int id) {
        return new LineConfig(id, number, label, id);
    }

    @Override
    public String toString() {
        return "SipLine[number=" + number + ", user=" + sipUser + ", registrar=" + registrar + "/" + transport + ", srtp="
                + srtp.mode() + "]";
    }
}
