package io.vtgoconnect.sipdns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4 and IPv6 literals, read without any lookup. */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {
    }

    static boolean isLiteral(String host) {
        return parse(host).isPresent();
    }

    /** The address of a literal; {@link InetAddress#getByName} looks nothing up for a literal, and is only given one. */
    static Optional<InetAddress> parse(String host) {
        boolean v4 = IPV4.matcher(host).matches();
        boolean v6 = host.indexOf(':') >= 0 && IPV6.matcher(host).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
