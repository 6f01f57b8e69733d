package io.vtgoconnect.sipdns;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a SIP request is to go, as a URI's host part says it: a host name or IP literal, a port
 * if the URI has one, a transport if it names one, and whether it is a {@code sips:} URI.
 *
 * @param host a host name, an IPv4 literal or an IPv6 literal (with or without brackets)
 * @param port the port, or 0 when the URI has none
 * @param transport the transport the URI names, or null
 * @param secure whether the URI is {@code sips:} (only TLS then)
 */
public record SipDestination(String host, int port, SipTransport transport, boolean secure) {
    /** RFC 1035 names: labels of letters, digits and hyphens, at most 253 characters in all. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9_]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    public SipDestination {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of 1-65535: " + port);
        }
        if (secure && transport != null && transport != SipTransport.TLS) {
            throw new IllegalArgumentException("a sips: destination goes over TLS only, not " + transport);
        }
        if (!IpLiteral.isLiteral(host) && !HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name or IP address: " + printable(host));
        }
    }

    /** A {@code sip:} destination with nothing but its host. */
    public static SipDestination of(String host) {
        return new SipDestination(host, 0, null, false);
    }

    /**
     * Reads {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}, as a line's
     * {@code registrar} setting holds it.
     *
     * @throws IllegalArgumentException with a plain sentence when it is none of these
     */
    public static SipDestination parse(String hostPort, SipTransport transport, boolean secure) {
        String text = hostPort.strip();
        String host = text;
        int port = 0;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed ? text.indexOf("]:") > 0 : colon > 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            String digits = text.substring(colon + 1);
            if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                throw new IllegalArgumentException("not a port: " + printable(digits));
            }
            port = Integer.parseInt(digits);
        }
        return new SipDestination(host, port, transport, secure);
    }

    /** The port, if the URI has one. */
    public Optional<Integer> explicitPort() {
        return port == 0 ? Optional.empty() : Optional.of(port);
    }

    /** Whether the host is an IP literal: then nothing is looked up. */
    public boolean isIpLiteral() {
        return IpLiteral.isLiteral(host);
    }

    /** The host in lower case, as DNS compares names. */
    String domain() {
        return host.toLowerCase(Locale.ROOT);
    }

    private static String printable(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
