package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
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
    void anIpLiteralIsFourGroupsOfOneToThreeDigitsOrHexadecimalWithColons() {
        for (String literal : new String[] {"127.0.0.1", "0.0.0.0", "192.168.100.254", "::1", "::", "2001:DB8::7",
                "fe80::1", "::ffff:192.0.2.1"}) {
            assertTrue(HostPort.isIpLiteral(literal), literal);
        }
        for (String other : new String[] {"", "1.2.3", "1.2.3.4.5", "1234.1.1.1", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4 ",
                "\u0661.\u0662.\u0663.\u0664", "localhost", "g::1", "[::1]", "pbx.example.test", "12345"}) {
            assertFalse(HostPort.isIpLiteral(other), other);
        }
    }

    @Test
    void aUriHostIsAnIpLiteralBracketedOnlyWhenItIsIpv6() {
        assertTrue(HostPort.isUriIpLiteral("[::1]"), "IPv6 as a SIP URI writes it");
        assertTrue(HostPort.isUriIpLiteral("[2001:db8::7]"));
        assertTrue(HostPort.isUriIpLiteral("::1"), "IPv6 bare, as some hops hold it");
        assertTrue(HostPort.isUriIpLiteral("192.0.2.7"));
        assertFalse(HostPort.isUriIpLiteral("[192.0.2.7]"), "brackets are for IPv6 only (RFC 3261 25.1)");
        assertFalse(HostPort.isUriIpLiteral("pbx.example.test"));
        assertFalse(HostPort.isUriIpLiteral("[pbx.example.test]"));
        assertFalse(HostPort.isUriIpLiteral("[::1"));
        assertFalse(HostPort.isUriIpLiteral("[]"));
        assertFalse(HostPort.isUriIpLiteral(null));
        // A bare address stays bare: a record's host is never bracketed.
        assertFalse(HostPort.isIpLiteral("[::1]"));
        assertThrows(IllegalArgumentException.class, () -> new HostPort("[::1]", 5060));

        assertEquals("::1", HostPort.unbracketed("[::1]"));
        assertEquals("::1", HostPort.unbracketed(new HostPort("::1", 5060).uriHost()), "the inverse of uriHost");
        assertEquals("192.0.2.7", HostPort.unbracketed("192.0.2.7"));
        assertEquals("pbx.example.test", HostPort.unbracketed("pbx.example.test"));
    }

    @Test
    void theStackSendsOnlyToIpLiterals() {
        LiteralAddressResolver resolver = new LiteralAddressResolver(new LocatedHosts(), new TlsFlows());
        HopImpl literal = new HopImpl("127.0.0.1", 5060, "udp");

        assertEquals(literal, resolver.resolveAddress(literal));
        HopImpl ipv6 = new HopImpl("[::1]", 5060, "udp");
        assertEquals(ipv6, resolver.resolveAddress(ipv6), "an IPv6 literal, bracketed as the stack writes it");
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(new HopImpl("[sip.example.com]", 5060, "udp")));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(new HopImpl("[127.0.0.1]", 5060, "udp")));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(new HopImpl("sip.example.com", 5060, "udp")));
    }

    @Test
    void aHostNameLocatedThroughDnsGoesToTheAddressChosenForItUntilForgotten() throws UnknownHostException {
        LocatedHosts located = new LocatedHosts();
        LiteralAddressResolver resolver = new LiteralAddressResolver(located, new TlsFlows());
        HopImpl named = new HopImpl("PBX.example.test", 5060, "tcp");
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(named), "not located yet");

        located.route("pbx.example.test.", new InetSocketAddress(InetAddress.getLoopbackAddress(), 5071));
        assertEquals("127.0.0.1:5071/tcp", resolver.resolveAddress(named).toString());
        located.route("pbx.example.test", new InetSocketAddress(InetAddress.getByAddress(new byte[16]) , 5072));
        assertEquals("[0:0:0:0:0:0:0:0]:5072/tcp", resolver.resolveAddress(named).toString());
        located.forget("pbx.example.test");
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(named));
        assertThrows(IllegalArgumentException.class,
                () -> located.route("pbx.example.test", InetSocketAddress.createUnresolved("elsewhere.test", 5060)));
    }

    @Test
    void aRequestWhoseViaNamesAHostIsReadAndAnsweredWhereItCameFrom() throws Exception {
        SIPRequest request = (SIPRequest) new StringMsgParser().parseSIPMessage(("OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP host.example.com;maddr=192.0.2.1;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII), true, false, null);
        Via via = request.getTopmostVia();
        SymmetricResponses interceptor = new SymmetricResponses();
        LiteralAddressResolver resolver = new LiteralAddressResolver(new LocatedHosts(), new TlsFlows());

        interceptor.beforeMessage(request);
        assertEquals("host.example.com", resolver.resolveAddress(via.getHop()).getHost());
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(new HopImpl("other.example.com", 5060, "udp")));
        assertTrue(via.hasParameter(Via.RPORT));
        assertNull(via.getMAddr());
        interceptor.afterMessage(request);
        assertThrows(IllegalArgumentException.class, () -> resolver.resolveAddress(via.getHop()));
    }
}
