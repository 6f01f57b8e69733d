package io.vtgoconnect.sipdns;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One place to send a SIP request: an address and port, the transport to use, and the host name
 * it was found under (the SRV target, or the destination's own host), which TLS checks the
 * server's certificate against.
 */
public record SipTarget(InetSocketAddress address, SipTransport transport, String hostName) {
    public SipTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(hostName, "hostName");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("a target's address is resolved: " + address);
        }
    }

    @Override
    public String toString() {
        return transport + " " + address.getAddress().getHostAddress() + ":" + address.getPort() + " (" + hostName + ")";
    }
}
