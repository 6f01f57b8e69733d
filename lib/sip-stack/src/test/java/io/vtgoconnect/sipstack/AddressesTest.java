package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.nist.javax.sip.stack.HopImpl;
import org.junit.jupiter.api.Test;

/** Nothing is resolved: addresses are IP literals, and so is every next hop the stack sends to. */
class AddressesTest {
    @Test
    void addressesAreIpLiteralsOnly() {
        assertEquals(new HostPort("127.0.0.1", 5060), HostPort.parse("127.0.0.1", 5060));
        assertEquals(new HostPort("::1", 5080), HostPort.parse("[::1]:5080", 5060));
        assertEquals("[::1]:5080", HostPort.parse("[::1]:5080", 5060).toString());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("sip.example.com:5060", 5060));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("127.0.0.1:99999", 5060));
    }

    @Test
    void theStackSendsOnlyToIpLiterals() {
        LiteralAddressResolver resolver = new LiteralAddressResolver();
        HopImpl literal = new HopImpl("127.0.0.1", 5060, "udp");

        assertEquals(literal, resolver.resolveAddress(literal));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(new HopImpl("sip.example.com", 5060, "udp")));
    }
}
