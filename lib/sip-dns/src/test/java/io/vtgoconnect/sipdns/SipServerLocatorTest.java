package io.vtgoconnect.sipdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.Dnsmasq;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 3263 server location against dnsmasq on 127.0.0.1, the only DNS server asked. */
class SipServerLocatorTest {
    private static final int TTL_SECONDS = 2;
    private static Dnsmasq dns;

    @BeforeAll
    static void startDns() {
        dns = new Dnsmasq(TTL_SECONDS, "test", List.of(
                // example.test: NAPTR says UDP first, then TCP; UDP has two servers of priority 10 and a backup.
                "naptr-record=example.test,10,50,s,SIP+D2U,,_sip._udp.example.test",
                "naptr-record=example.test,20,50,s,SIP+D2T,,_sip._tcp.example.test",
                "naptr-record=example.test,30,50,s,SIPS+D2T,,_sips._tcp.example.test",
                "srv-host=_sip._udp.example.test,sip1.example.test,5070,10,60",
                "srv-host=_sip._udp.example.test,sip2.example.test,5080,10,40",
                "srv-host=_sip._udp.example.test,sip3.example.test,5090,20,0",
                "srv-host=_sip._tcp.example.test,sip1.example.test,5071,10,0",
                "srv-host=_sips._tcp.example.test,sip1.example.test,5061,10,0",
                "host-record=sip1.example.test,127.0.0.1",
                "host-record=sip2.example.test,127.0.0.2,::1",
                "host-record=sip3.example.test,127.0.0.3",
                // srvonly.test: no NAPTR, SRV for TCP only.
                "srv-host=_sip._tcp.srvonly.test,pbx.srvonly.test,5065,0,0",
                "host-record=pbx.srvonly.test,127.0.0.4",
                // plain.test: an address and nothing else.
                "host-record=plain.test,127.0.0.5",
                // ttl.test: to watch the cache.
                "host-record=ttl.test,127.0.0.6"));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private static SipServerLocator locator(long seed) {
        return new SipServerLocator(DnsSettings.of(List.of(dns.address())), new Random(seed));
    }

    @Test
    void naptrThenSrvByPriorityThenAddressesAndTheNextTransports() throws SipDnsException {
        List<SipTarget> targets = new ArrayList<>();
        locator(1).locate(SipDestination.of("example.test")).forEachRemaining(targets::add);
        List<String> udp = targets.stream().filter(t -> t.transport() == SipTransport.UDP).map(SipTarget::toString)
                .toList();
        assertEquals(4, udp.size(), targets.toString());
        assertTrue(udp.subList(0, 3).containsAll(List.of("UDP 127.0.0.1:5070 (sip1.example.test)",
                "UDP 127.0.0.2:5080 (sip2.example.test)", "UDP 0:0:0:0:0:0:0:1:5080 (sip2.example.test)")), udp.toString());
        assertEquals("UDP 127.0.0.3:5090 (sip3.example.test)", udp.get(3), "the backup of priority 20 last");
        assertEquals("TCP 127.0.0.1:5071 (sip1.example.test)", targets.get(4).toString(), "then NAPTR's second choice");
        assertEquals("TLS 127.0.0.1:5061 (sip1.example.test)", targets.get(5).toString());
        assertEquals(6, targets.size());
    }

    @Test
    void serversOfOnePriorityComeFirstAsOftenAsTheirWeightSays() throws SipDnsException {
        SipServerLocator locator = locator(2);
        int sip1First = 0;
        for (int i = 0; i < 1000; i++) {
            if (locator.locate(SipDestination.of("example.test")).next().hostName().equals("sip1.example.test")) {
                sip1First++;
            }
        }
        assertTrue(sip1First > 520 && sip1First < 680, "weight 60 of 100 came first " + sip1First + " times in 1000");
    }

    @Test
    void aFurtherServersAddressesAreLookedUpOnlyWhenThePhoneMovesOnToIt() throws SipDnsException {
        SipServerLocator locator = locator(3);
        long before = dns.queries("A", "sip3.example.test");
        SipTargets targets = locator.locate(SipDestination.of("example.test"));
        targets.next();
        assertEquals(before, dns.queries("A", "sip3.example.test"), "the backup is not looked up while the first works");
        SipTarget last = null;
        for (int i = 0; i < 3; i++) {
            last = targets.next();
        }
        assertEquals("sip3.example.test", last.hostName());
        assertTrue(targets.hasNext(), "then the TCP servers");
    }

    @Test
    void withoutNaptrTheSrvRecordsThatExistChooseTheTransport() throws SipDnsException {
        SipTarget target = locator(4).locate(SipDestination.of("srvonly.test")).next();
        assertEquals("TCP 127.0.0.4:5065 (pbx.srvonly.test)", target.toString());
    }

    @Test
    void withNeitherTheDomainsOwnAddressOnTheDefaultPort() throws SipDnsException {
        SipTargets targets = locator(5).locate(SipDestination.of("plain.test"));
        assertEquals("UDP 127.0.0.5:5060 (plain.test)", targets.next().toString());
        assertFalse(targets.hasNext());
        SipDestination secure = new SipDestination("plain.test", 0, null, true);
        assertEquals("TLS 127.0.0.5:5061 (plain.test)", locator(5).locate(secure).next().toString());
    }

    @Test
    void anExplicitPortOrTransportSkipsWhatTheUriAlreadySays() throws SipDnsException {
        long naptr = dns.queries("NAPTR", "example.test");
        long srv = dns.queries("SRV", "_sip._udp.example.test");
        SipTarget withPort = locator(6).locate(SipDestination.parse("sip1.example.test:5999", null, false)).next();
        assertEquals("UDP 127.0.0.1:5999 (sip1.example.test)", withPort.toString());
        SipTarget tcp = locator(6).locate(new SipDestination("example.test", 0, SipTransport.TCP, false)).next();
        assertEquals("TCP 127.0.0.1:5071 (sip1.example.test)", tcp.toString());
        SipTarget sips = locator(6).locate(new SipDestination("example.test", 0, null, true)).next();
        assertEquals("TLS 127.0.0.1:5061 (sip1.example.test)", sips.toString());
        assertEquals(naptr + 1, dns.queries("NAPTR", "example.test"), "only the sips: lookup asked for NAPTR");
        assertEquals(srv, dns.queries("SRV", "_sip._udp.example.test"));
    }

    @Test
    void ipLiteralsAreTargetsWithNoLookupAtAll() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SipServerLocator locator = new SipServerLocator(DnsSettings.of(
                    List.of((InetSocketAddress) silent.getLocalSocketAddress())).withTimeout(Duration.ofSeconds(5), 0));
            long start = System.nanoTime();
            assertEquals("UDP 127.0.0.1:5060 (127.0.0.1)",
                    locator.locate(SipDestination.parse("127.0.0.1", null, false)).next().toString());
            assertEquals("UDP 0:0:0:0:0:0:0:1:5080 (::1)",
                    locator.locate(SipDestination.parse("[::1]:5080", null, false)).next().toString());
            assertEquals("TLS 0:0:0:0:0:0:0:1:5061 (::1)",
                    locator.locate(new SipDestination("::1", 0, null, true)).next().toString());
            assertEquals("TCP 10.1.2.3:5060 (10.1.2.3)",
                    locator.locate(SipDestination.parse("10.1.2.3", SipTransport.TCP, false)).next().toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "no query waited for the silent server");
        }
    }

    @Test
    void aNameWithNoServerGetsOnePlainSentence() {
        SipDnsException refusal = assertThrows(SipDnsException.class,
                () -> locator(7).locate(SipDestination.of("nowhere.test")));
        assertTrue(refusal.getMessage().startsWith("nowhere.test has no SIP server in DNS"), refusal.getMessage());
    }

    @Test
    void aServerThatNeverAnswersFailsAfterItsTimeoutAndRetries() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SipServerLocator locator = new SipServerLocator(DnsSettings.of(
                    List.of((InetSocketAddress) silent.getLocalSocketAddress())).withTimeout(Duration.ofMillis(300), 1));
            long start = System.nanoTime();
            SipDnsException refusal = assertThrows(SipDnsException.class,
                    () -> locator.locate(SipDestination.of("example.test")));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(refusal.getMessage().contains("no DNS server answered the NAPTR query for example.test within 300 ms"),
                    refusal.getMessage());
            assertTrue(millis >= 500 && millis < 2000, "gave up after " + millis + " ms");
        }
    }

    @Test
    void answersAreKeptForTheirTtlAndAskedAgainAfter() throws SipDnsException {
        SipServerLocator locator = locator(8);
        long first = dns.queries("A", "ttl.test");
        long start = System.nanoTime();
        locator.locate(SipDestination.parse("ttl.test:5060", null, false));
        locator.locate(SipDestination.parse("ttl.test:5060", null, false));
        assertEquals(first + 1, dns.queries("A", "ttl.test"), "the second answer came from the cache");
        long deadline = start + TimeUnit.SECONDS.toNanos(TTL_SECONDS + 5);
        while (dns.queries("A", "ttl.test") == first + 1) {
            assertTrue(System.nanoTime() < deadline, "the cached answer outlived its TTL");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            locator.locate(SipDestination.parse("ttl.test:5060", null, false));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // dnsjava's cache counts time in whole seconds: an answer expires up to a second early.
        assertTrue(millis >= (TTL_SECONDS - 1) * 1000, "asked again after " + millis + " ms");
    }

    @Test
    void aDestinationThatIsNoHostIsRefusedBeforeAnyLookup() {
        for (String bad : List.of("", "pbx example", "pbx.example.test:0", "pbx.example.test:99999", "a..b", "x:y:z",
                "\u0000", "-bad-.test")) {
            assertThrows(IllegalArgumentException.class, () -> SipDestination.parse(bad, null, false), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SipDestination("example.test", 0, SipTransport.UDP, true));
    }
}
