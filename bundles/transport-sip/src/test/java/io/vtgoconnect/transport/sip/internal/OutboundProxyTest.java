package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.testing.peers.Dnsmasq;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines with an outbound proxy (a Kamailio relaying by loose routing) register with, and call through,
 * a Kamailio registrar that takes REGISTERs and INVITEs only through that proxy: their requests go to
 * the proxy with a Route naming it, their Request-URI the registrar's.
 */
class OutboundProxyTest {
    /** The proxy's name in the DNS of the test that names it so. */
    private static final String PROXY_DOMAIN = "edge.test";

    private Kamailio registrar;
    private Kamailio proxy;

    @BeforeEach
    void startKamailios() {
        registrar = Kamailio.behindOutboundProxy(FreePorts.udpAndTcp(), FreePorts.udpAndTcp());
        proxy = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5", "/peers/kamailio-proxy.cfg",
                Map.of("DOMAIN", PROXY_DOMAIN));
    }

    @AfterEach
    void stopKamailios() {
        // The proxy may have failed to start, the registrar never: it is stopped whatever happened.
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            registrar.close();
        }
    }

    private RegisteredPhone proxiedPhone(String number) {
        return new RegisteredPhone(number, Kamailio.password(number), "127.0.0.1:" + registrar.port,
                new Object[] {"outbound_proxy", "127.0.0.1:" + proxy.port});
    }

    @Test
    void linesRegisterAndCallEachOtherThroughTheirOutboundProxy() {
        try (RegisteredPhone a = proxiedPhone("2001"); RegisteredPhone b = proxiedPhone("2002")) {
            CallRef[] call = a.callAndAnswer(b);
            CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays);
            a.phone.hangUp(call[0]);
        }
    }

    @Test
    void aProxyNamedByAHostNameIsFoundThroughDnsByItsSrvRecordOrItsAddress() {
        try (Dnsmasq dns = new Dnsmasq(60, "test", List.of("srv-host=_sip._udp." + PROXY_DOMAIN + ",proxy1." + PROXY_DOMAIN
                + "," + proxy.port + ",10,0", "host-record=proxy1." + PROXY_DOMAIN + ",127.0.0.1",
                "host-record=" + PROXY_DOMAIN + ",127.0.0.1"));
                RegisteredPhone a = namedProxyPhone("2001", PROXY_DOMAIN + ";transport=UDP", dns);
                RegisteredPhone b = namedProxyPhone("2002", PROXY_DOMAIN + ":" + proxy.port, dns)) {
            assertEquals(1, dns.queries("SRV", "_sip._udp." + PROXY_DOMAIN), "a name with no port is found by its SRV record");
            assertEquals(1, dns.queries("A", PROXY_DOMAIN), "a name with a port is found by its address");
            CallRef[] call = a.callAndAnswer(b);
            CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays);
            a.phone.hangUp(call[0]);
        }
    }

    private RegisteredPhone namedProxyPhone(String number, String outboundProxy, Dnsmasq dns) {
        return new RegisteredPhone(number, Kamailio.password(number), "127.0.0.1:" + registrar.port,
                new Object[] {"outbound_proxy", outboundProxy}, "dns_servers",
                new String[] {"127.0.0.1:" + dns.address().getPort()}, "dns_timeout", 1000);
    }

    @Test
    void withoutTheProxyTheRegistrarRefusesTheLine() {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = RegisteredPhone.started("2001", Kamailio.password("2001"), registrar.port, events);
        try {
            CallManagerDisconnected refused = events.await(CallManagerDisconnected.class);
            assertTrue(refused.reason().contains("403 Not through the outbound proxy"), refused.reason());
        } finally {
            phone.stop();
        }
    }
}
