package io.vtgoconnect.sipstack;

/** An IP literal and a port. Host names are refused, so that nothing ever asks DNS. */
public record HostPort(String host, int port) {
    public HostPort {
        if (!isIpLiteral(host)) {
            throw new IllegalArgumentException("\"" + host + "\" is not an IP address; use an IP literal such as 127.0.0.1");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port " + port + " is not between 1 and 65535");
        }
    }

    /** Reads {@code 127.0.0.1:5060} or {@code [::1]:5060}; {@code defaultPort} when the port is left out. */
    public static HostPort parse(String text, int defaultPort) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\" lacks the closing ]");
            }
            String rest = value.substring(close + 1);
            return new HostPort(value.substring(1, close), rest.startsWith(":") ? port(rest.substring(1), text) : defaultPort);
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(value, defaultPort);
        }
        return new HostPort(value.substring(0, colon), port(value.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid port");
        }
    }

    /** Whether an address, written bare ({@code 127.0.0.1}, {@code ::1}), is an IP literal. */
    public static boolean isIpLiteral(String host) {
        return host != null && (isIpv4(host) || isIpv6(host));
    }

    /**
     * Whether a SIP URI's or a hop's host is an IP literal: IPv4, or IPv6 in brackets as a URI writes it
     * ({@code [::1]}, RFC 3261 25.1) or bare as some hops hold it; never a bracketed IPv4 address or name.
     */
    public static boolean isUriIpLiteral(String uriHost) {
        return uriHost != null && (isBracketed(uriHost) ? isIpv6(unbracketed(uriHost)) : isIpLiteral(uriHost));
    }

    /** The address a SIP URI's host names: {@code [::1]} is {@code ::1} (the inverse of {@link #uriHost()}); other hosts as they are. */
    public static String unbracketed(String uriHost) {
        return uriHost != null && isBracketed(uriHost) ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
    }

    private static boolean isBracketed(String host) {
        return host.length() >= 2 && host.startsWith("[") && host.endsWith("]");
    }

    // Both read a character at a time rather than through a regular expression: the stack checks the host of every
    // message it sends, and the call server the address of every SDP body.

    /** Four groups of one to three ASCII digits, with a dot between each. */
    private static boolean isIpv4(String host) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else if (c == '.' && digits > 0 && dots < 3) {
                dots++;
                digits = 0;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** Hexadecimal digits, colons and dots (an IPv4 tail), with a colon at least. */
    private static boolean isIpv6(String host) {
        boolean colon = false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex && c != ':' && c != '.') {
                return false;
            }
            colon |= c == ':';
        }
        return colon;
    }

    /** The host as a SIP URI writes it: IPv6 in brackets. */
    public String uriHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return uriHost() + ":" + port;
    }
}
