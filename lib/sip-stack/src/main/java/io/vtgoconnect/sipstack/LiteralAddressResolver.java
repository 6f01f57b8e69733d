package io.vtgoconnect.sipstack;

import gov.nist.core.net.AddressResolver;
import javax.sip.address.Hop;

/**
 * Lets the stack reach only IP literals: a hop named by a host name is refused, never looked up.
 * The stack also asks about the top Via of each request it reads: over UDP a Via that names a
 * host passes as it is ({@link SymmetricResponses} answers the request where it came from); over
 * TCP such a request is dropped.
 */
public final class LiteralAddressResolver implements AddressResolver {
    @Override
    public Hop resolveAddress(Hop hop) {
        if (!HostPort.isIpLiteral(unbracketed(hop.getHost())) && !SymmetricResponses.isViaBeingReceived(hop)) {
            throw new HostNameRefused(hop);
        }
        return hop;
    }

    /** The stack writes an IPv6 hop as a URI does, in brackets. */
    private static String unbracketed(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A hop named by a host name, which the phone does not look up. */
    public static final class HostNameRefused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HostNameRefused(Hop hop) {
            super("Next hop " + hop + " is not an IP address; the phone does not use DNS");
        }
    }
}
