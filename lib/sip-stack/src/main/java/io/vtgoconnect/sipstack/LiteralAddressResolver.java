package io.vtgoconnect.sipstack;

import gov.nist.core.net.AddressResolver;
import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.sip.address.Hop;

/**
 * Lets the stack reach IP literals, and the host names located through DNS beforehand (see
 * {@link LocatedHosts}), each at the address chosen for it; any other host name is refused, never
 * looked up; a TLS peer is reached over the connection it opened, when it opened one ({@link TlsFlows}).
 * The stack also asks about the top Via of each request it reads: over UDP a Via that
 * names a host passes as it is ({@link SymmetricResponses} answers the request where it came
 * from); over TCP such a request is dropped.
 */
public final class LiteralAddressResolver implements AddressResolver {
    private final LocatedHosts located;
    private final TlsFlows flows;

    LiteralAddressResolver(LocatedHosts located, TlsFlows flows) {
        this.located = located;
        this.flows = flows;
    }

    @Override
    public Hop resolveAddress(Hop hop) {
        String host = HostPort.unbracketed(hop.getHost());
        if (SymmetricResponses.isViaBeingReceived(hop)) {
            return hop;
        }
        if (HostPort.isUriIpLiteral(hop.getHost())) {
            return flows.over(hop);
        }
        Optional<InetSocketAddress> target = host == null ? Optional.empty() : located.target(host);
        if (target.isEmpty()) {
            throw new HostNameRefused(hop);
        }
        String address = target.get().getAddress().getHostAddress();
        return new HopImpl(address.contains(":") ? "[" + address + "]" : address, target.get().getPort(),
                hop.getTransport());
    }

    /** A hop named by a host name, which the phone does not look up. */
    public static final class HostNameRefused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HostNameRefused(Hop hop) {
            super("Next hop " + hop + " is neither an IP address nor a host name located through DNS");
        }
    }
}
