package io.vtgoconnect.callmanager.internal.calls;

import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.SipEndpoint;
import io.vtgoconnect.sipstack.SipTransportKind;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * What the server's SIP logic uses of its endpoint: the message factories, where it listens, and
 * the provider that sends. The logic's tests give factories and a provider of their own, with no socket.
 *
 * @param tlsPort the port of its TLS listener, 0 when it has none
 */
public record SipParts(MessageFactory messages, HeaderFactory headers, AddressFactory addresses, HostPort local,
        SipProvider provider, int tlsPort) {
    public static SipParts of(SipEndpoint endpoint) {
        return new SipParts(endpoint.messages, endpoint.headers, endpoint.addresses, endpoint.local, endpoint.provider(),
                endpoint.hasTls() ? endpoint.port(SipTransportKind.TLS) : 0);
    }

    /** The port the server listens on over the transport (udp, tcp or tls, as a Via names it). */
    public int port(String transport) {
        return ListeningPoint.TLS.equalsIgnoreCase(transport) && tlsPort != 0 ? tlsPort : local.port();
    }
}
