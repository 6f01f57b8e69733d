package io.vtgoconnect.sipdns.bench;

import io.vtgoconnect.sipdns.DnsSettings;
import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipServerLocator;
import io.vtgoconnect.sipdns.SipTargets;
import io.vtgoconnect.testing.peers.Dnsmasq;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test: how long locating a SIP server takes against dnsmasq on loopback, for a
 * name that needs NAPTR, SRV and A lookups, cold (each with a new locator, so a new cache) and
 * cached, and for an IP literal. Run it with {@code bench/dns.sh}.
 *
 * <p>Arguments: {@code [rounds]}, 200 unless told.
 */
public final class SipDnsBench {
    private SipDnsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (Dnsmasq dns = new Dnsmasq(300, "test", List.of(
                "naptr-record=example.test,10,50,s,SIP+D2U,,_sip._udp.example.test",
                "srv-host=_sip._udp.example.test,sip1.example.test,5070,10,60",
                "host-record=sip1.example.test,127.0.0.1"))) {
            DnsSettings settings = DnsSettings.of(List.of(dns.address()));
            SipDestination name = SipDestination.of("example.test");
            SipDestination literal = SipDestination.parse("127.0.0.1:5060", null, false);
            // Warm-up: the JIT, and dnsjava's classes.
            for (int i = 0; i < 50; i++) {
                new SipServerLocator(settings).locate(name).next();
            }
            SipServerLocator cached = new SipServerLocator(settings);
            System.out.printf(Locale.ROOT, "Java %s, %d rounds, dnsmasq on 127.0.0.1%n",
                    System.getProperty("java.version"), rounds);
            System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s%n", "lookup", "p50 ms", "p99 ms", "max ms");
            report("NAPTR + SRV + A, cold (new cache)", rounds, () -> new SipServerLocator(settings).locate(name));
            report("NAPTR + SRV + A, cached", rounds, () -> cached.locate(name));
            report("IP literal (no lookup)", rounds, () -> cached.locate(literal));
        }
    }

    @FunctionalInterface
    private interface Lookup {
        SipTargets run() throws Exception;
    }

    private static void report(String what, int rounds, Lookup lookup) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            lookup.run().next();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-44s %9.3f %9.3f %9.3f%n", what, nanos[rounds / 2] / 1e6,
                nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6, nanos[rounds - 1] / 1e6);
    }
}
