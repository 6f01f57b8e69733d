package io.vtgoconnect.callmanager.internal.calls;

import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.SipEndpoint;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * What the server's SIP logic uses of its endpoint: the message factories, where it listens, and
 * the provider that sends. The logic's tests give factories and a provider of their own, with no socket.
 */
public record SipParts(MessageFactory messages, HeaderFactory headers, AddressFactory addresses, HostPort local,
        SipProvider provider) {
    public static SipParts of(SipEndpoint endpoint) {
        return new SipParts(endpoint.messages, endpoint.headers, endpoint.addresses, endpoint.local, endpoint.provider());
    }
}
