package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.sipdns.DnsSettings;
import io.vtgoconnect.sipdns.SipServerLocator;
import io.vtgoconnect.sipstack.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ResolverConfig;

/**
 * The phone's DNS, from its dns.* settings: made only when one of its lines names the server its
 * requests go to first (its outbound proxy, else its registrar) by a host name, so that a phone of
 * IP literals never asks DNS anything.
 */
final class PhoneDns {
    private static final int DNS_PORT = 53;
    private static final int SHORTEST_TIMEOUT_MILLIS = 100;
    private static final int LONGEST_TIMEOUT_MILLIS = 10_000;

    private PhoneDns() {
    }

    /** @throws CommandException ERROR_PHONE_NOT_FOUND saying which setting is wrong */
    static Optional<SipServerLocator> of(PhoneSettings settings, List<SipLine> lines) {
        if (lines.stream().allMatch(line -> line.firstHop().isIpLiteral())) {
            return Optional.empty();
        }
        int timeout = settings.dns_timeout();
        if (timeout < SHORTEST_TIMEOUT_MILLIS || timeout > LONGEST_TIMEOUT_MILLIS) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The DNS timeout, " + timeout + " ms, is not between "
                    + SHORTEST_TIMEOUT_MILLIS + " and " + LONGEST_TIMEOUT_MILLIS + " ms.");
        }
        List<InetSocketAddress> servers = settings.dns_servers().length == 0 ? systemServers()
                : configuredServers(settings.dns_servers());
        return Optional.of(new SipServerLocator(DnsSettings.of(servers).withTimeout(Duration.ofMillis(timeout), 1)));
    }

    private static List<InetSocketAddress> configuredServers(String[] entries) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : Arrays.stream(entries).map(String::strip).filter(e -> !e.isEmpty()).toList()) {
            try {
                HostPort server = HostPort.parse(entry, DNS_PORT);
                servers.add(new InetSocketAddress(InetAddress.getByName(server.host()), server.port()));
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new CommandException(ERROR_PHONE_NOT_FOUND, "The DNS server " + entry + " of dns.servers is wrong: "
                        + e.getMessage() + ".");
            }
        }
        if (servers.isEmpty()) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "dns.servers names no DNS server.");
        }
        return servers;
    }

    /** The system's DNS servers, as /etc/resolv.conf (or the platform's own settings) names them. */
    private static List<InetSocketAddress> systemServers() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "A line's registrar or outbound proxy is a host name, but the system names "
                    + "no DNS server: set dns.servers of " + PhoneSettings.PID + ".");
        }
        return servers;
    }
}
