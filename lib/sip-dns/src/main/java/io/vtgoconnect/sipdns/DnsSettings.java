package io.vtgoconnect.sipdns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to ask DNS: the servers to ask (in order; never the machine's own resolver configuration),
 * how long to wait for one answer, how many times to ask again, which address families to look
 * up, and which transports this end speaks.
 *
 * @param servers the DNS servers, at least one
 * @param timeout how long one query waits for its answer
 * @param retries how many times a query is sent again, to each server in turn, before it fails
 * @param families which address records to look up, and in which order
 * @param transports the transports this end can use, most wanted first
 */
public record DnsSettings(List<InetSocketAddress> servers, Duration timeout, int retries, AddressFamilies families,
        List<SipTransport> transports) {
    /** Which address records are asked for and which are tried first. */
    public enum AddressFamilies {
        IPV4_ONLY, IPV6_ONLY, IPV4_THEN_IPV6, IPV6_THEN_IPV4
    }

    public DnsSettings {
        servers = List.copyOf(servers);
        transports = List.copyOf(transports);
        Objects.requireNonNull(families, "families");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server given");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 60) {
            throw new IllegalArgumentException("DNS timeout out of (0, 60 s]: " + timeout);
        }
        if (retries < 0 || retries > 5) {
            throw new IllegalArgumentException("DNS retries out of 0-5: " + retries);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no SIP transport given");
        }
    }

    /** These servers, 2 s a query, one retry, IPv4 then IPv6, UDP then TCP then TLS. */
    public static DnsSettings of(List<InetSocketAddress> servers) {
        return new DnsSettings(servers, Duration.ofSeconds(2), 1, AddressFamilies.IPV4_THEN_IPV6,
                List.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS));
    }

    public DnsSettings withTimeout(Duration newTimeout, int newRetries) {
        return new DnsSettings(servers, newTimeout, newRetries, families, transports);
    }

    public DnsSettings withFamilies(AddressFamilies newFamilies) {
        return new DnsSettings(servers, timeout, retries, newFamilies, transports);
    }

    public DnsSettings withTransports(List<SipTransport> newTransports) {
        return new DnsSettings(servers, timeout, retries, families, newTransports);
    }
}
