package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.media.srtp.SrtpSuite;
import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipTransport;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.sipstack.SrtpMode;
import io.vtgoconnect.sipstack.SrtpPolicy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A line as configured: what the phone registers and how. Its registrar and its outbound proxy
 * are IP literals or host names, with or without a port. Its text never shows its secret.
 */
record SipLine(int position, String number, String label, String sipUser, String authUser, LineSecret secret,
        SipDestination registrar, SipTransportKind transport, int expirySeconds, int keepAliveSeconds, SrtpPolicy srtp,
        Optional<SipDestination> outboundProxy) {

    private static final String SIPS = "sips:";
    private static final String TRANSPORT_PARAMETER = ";transport=";

    SipLine {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(srtp, "srtp");
        Objects.requireNonNull(outboundProxy, "outboundProxy");
        // A sips: call server is reached over TLS only (RFC 3261 26.2.2).
        transport = registrar.secure() ? SipTransportKind.TLS : transport;
        label = label == null ? "" : label;
        sipUser = sipUser == null || sipUser.isBlank() ? number : sipUser;
        authUser = authUser == null || authUser.isBlank() ? sipUser : authUser;
        secret = secret == null ? LineSecret.password("") : secret;
        if (expirySeconds < 1) {
            throw new IllegalArgumentException("The expiry of line " + number + " is not positive: " + expirySeconds);
        }
    }

    /**
     * A line with plain RTP and no outbound proxy (a line of a device configuration, which says
     * nothing of either).
     */
    SipLine(int position, String number, String label, String sipUser, String authUser, LineSecret secret,
            SipDestination registrar, SipTransportKind transport, int expirySeconds, int keepAliveSeconds) {
        this(position, number, label, sipUser, authUser, secret, registrar, transport, expirySeconds, keepAliveSeconds,
                SrtpPolicy.OFF, Optional.empty());
    }

    static SipLine of(LineSettings settings) {
        return new SipLine(settings.position(), settings.number().trim(), settings.label(), settings.sip_user(),
                settings.auth_user(), LineSecret.password(SecretFile.firstLine(settings.password_file())),
                registrar(settings.registrar(), settings.transport()), settings.transport(), settings.expiry(), settings.keepalive_interval(),
                srtp(settings.srtp(), settings.srtp_suites()), outboundProxy(settings.outbound_proxy(), settings.transport()));
    }

    /**
     * The outbound proxy as the setting writes it: {@code host[:port][;transport=...]}, an IP literal
     * or a host name (found through DNS as the registrar is), the transport the line's own; none
     * when blank.
     * @throws IllegalArgumentException saying why it is no host name or IP address with a port, or
     *         that it names another transport than the line's
     */
    static Optional<SipDestination> outboundProxy(String text, SipTransportKind transport) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String hostPort = text.strip();
        int parameter = hostPort.toLowerCase(Locale.ROOT).indexOf(TRANSPORT_PARAMETER);
        if (parameter >= 0) {
            String named = hostPort.substring(parameter + TRANSPORT_PARAMETER.length()).strip();
            if (!named.equalsIgnoreCase(transport.protocol())) {
                throw new IllegalArgumentException("the outbound proxy's transport, " + named
                        + ", is not the line's, " + transport.protocol());
            }
            hostPort = hostPort.substring(0, parameter);
        }
        return Optional.of(SipDestination.parse(hostPort, SipTransport.valueOf(transport.name()), false));
    }

    /** Where the line's requests out of a dialog go first: its outbound proxy, else its registrar. */
    SipDestination firstHop() {
        return outboundProxy.orElse(registrar);
    }

    /**
     * The call server of a line that uses the transport, as a registrar setting names it; one
     * written {@code sips:host[:port]} is reached over TLS whatever the transport.
     * @throws IllegalArgumentException saying why the text is no host name or IP address with a port
     */
    static SipDestination registrar(String text, SipTransportKind transport) {
        String hostPort = text == null ? "" : text.strip();
        boolean secure = hostPort.regionMatches(true, 0, SIPS, 0, SIPS.length());
        return secure ? SipDestination.parse(hostPort.substring(SIPS.length()), SipTransport.TLS, true)
                : SipDestination.parse(hostPort, SipTransport.valueOf(transport.name()), false);
    }

    /** Whether the line's addresses are sips: URIs: its registrar was given as one. */
    boolean secure() {
        return registrar.secure();
    }

    /** The registrar's port: the one it names, or for an IP literal the transport's default. Empty: DNS says. */
    OptionalInt registrarPort() {
        return portOf(registrar);
    }

    /** A server's port: the one it names, or for an IP literal the transport's default. Empty: DNS says. */
    static OptionalInt portOf(SipDestination server) {
        if (server.explicitPort().isPresent()) {
            return OptionalInt.of(server.port());
        }
        return server.isIpLiteral() ? OptionalInt.of(server.transport().defaultPort()) : OptionalInt.empty();
    }

    /** The registrar's host as a SIP URI writes it: an IPv6 literal in brackets. */
    String registrarUriHost() {
        return uriHost(registrar);
    }

    /** A server's host as a SIP URI writes it: an IPv6 literal in brackets. */
    static String uriHost(SipDestination server) {
        return server.host().contains(":") ? "[" + server.host() + "]" : server.host();
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
        return "SipLine[number=" + number + ", user=" + sipUser + ", registrar=" + (secure() ? SIPS : "") + registrarUriHost()
                + (registrar.explicitPort().isPresent() ? ":" + registrar.port() : "") + "/" + transport + ", srtp="
                + srtp.mode() + "]";
    }
}
