package io.vtgoconnect.sipdns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * Finds the servers of a SIP destination as RFC 3263 says: an IP literal is the target as it is,
 * with no lookup; otherwise the transport comes from the URI, or from the domain's NAPTR records,
 * or from which SRV records exist; the SRV records give the servers in priority order, weighted
 * at random within a priority (RFC 2782); and each server's A and AAAA records give its addresses.
 * Only the servers of the {@link DnsSettings} are asked, never the machine's resolver; every
 * answer is kept for its TTL, and so is the absence of one. Thread-safe.
 */
public final class SipServerLocator {
    private static final System.Logger LOG = System.getLogger(SipServerLocator.class.getName());

    private final DnsSettings settings;
    private final LookupSession session;
    private final Random random;
    private final long answerWaitMillis;

    public SipServerLocator(DnsSettings settings) {
        this(settings, new SecureRandom());
    }

    /** With the random source that orders SRV records of equal priority by their weights. */
    SipServerLocator(DnsSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : settings.servers()) {
            resolvers.add(new SimpleResolver(server));
        }
        ExtendedResolver resolver = new ExtendedResolver(resolvers);
        resolver.setTimeout(settings.timeout());
        resolver.setRetries(settings.retries());
        resolver.setLoadBalance(false);
        this.session = LookupSession.builder().resolver(resolver).cache(new Cache(DClass.IN)).clearSearchPath()
                .build();
        // Each server in turn, each try waiting the timeout, and a little slack for the last.
        this.answerWaitMillis = settings.timeout().toMillis() * (settings.retries() + 1) * settings.servers().size()
                + 500;
    }

    /**
     * The targets of a destination, best first. An IP literal gives one target at once; a name is
     * looked up now as far as its first target's addresses, and each further SRV target's
     * addresses are looked up when the iteration reaches it.
     *
     * @throws SipDnsException when DNS gives no target at all, or does not answer in time
     */
    public SipTargets locate(SipDestination destination) throws SipDnsException {
        List<SipTargets.Step> steps = new ArrayList<>();
        if (destination.isIpLiteral()) {
            SipTransport transport = destination.transport() != null ? destination.transport()
                    : destination.secure() ? SipTransport.TLS : SipTransport.UDP;
            InetAddress address = IpLiteral.parse(destination.host()).orElseThrow();
            steps.add(SipTargets.Step.ready(new SipTarget(new InetSocketAddress(address,
                    destination.explicitPort().orElse(transport.defaultPort())), transport, destination.host())));
        } else if (destination.transport() != null) {
            SipTransport transport = destination.transport();
            if (destination.explicitPort().isPresent()) {
                steps.add(SipTargets.Step.host(destination.domain(), destination.port(), transport));
            } else {
                List<SipTargets.Step> services = services(destination, transport);
                steps.addAll(services.isEmpty()
                        ? List.of(SipTargets.Step.host(destination.domain(), transport.defaultPort(), transport))
                        : services);
            }
        } else if (destination.explicitPort().isPresent()) {
            SipTransport transport = destination.secure() ? SipTransport.TLS : SipTransport.UDP;
            steps.add(SipTargets.Step.host(destination.domain(), destination.port(), transport));
        } else {
            steps.addAll(fromNaptr(destination));
            if (steps.isEmpty()) {
                for (SipTransport transport : transportsFor(destination)) {
                    steps.addAll(services(destination, transport));
                }
            }
            if (steps.isEmpty()) {
                SipTransport transport = destination.secure() ? SipTransport.TLS : SipTransport.UDP;
                steps.add(SipTargets.Step.host(destination.domain(), transport.defaultPort(), transport));
            }
        }
        SipTargets targets = new SipTargets(steps, this::addresses);
        if (!targets.hasNext()) {
            throw new SipDnsException(destination.host() + " has no SIP server in DNS: "
                    + targets.lastFailure().orElse("no address for any of its servers"));
        }
        return targets;
    }

    /** Section 4.1: the NAPTR records of transports this end speaks, best first, each as the SRV targets it names. */
    private List<SipTargets.Step> fromNaptr(SipDestination destination) throws SipDnsException {
        List<SipTransport> wanted = transportsFor(destination);
        List<NAPTRRecord> records = new ArrayList<>();
        for (Record record : query(destination.domain(), Type.NAPTR)) {
            if (record instanceof NAPTRRecord naptr && "s".equalsIgnoreCase(naptr.getFlags())
                    && transportOf(naptr, wanted) != null) {
                records.add(naptr);
            }
        }
        records.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference));
        List<SipTargets.Step> steps = new ArrayList<>();
        for (NAPTRRecord naptr : records) {
            steps.addAll(srv(naptr.getReplacement().toString(true), transportOf(naptr, wanted)));
        }
        return steps;
    }

    private static SipTransport transportOf(NAPTRRecord naptr, List<SipTransport> wanted) {
        return wanted.stream().filter(transport -> transport.naptrService().equalsIgnoreCase(naptr.getService()))
                .findFirst().orElse(null);
    }

    /** The transports a destination may use, in this end's order: only TLS for sips. */
    private List<SipTransport> transportsFor(SipDestination destination) {
        return settings.transports().stream().filter(t -> !destination.secure() || t == SipTransport.TLS).toList();
    }

    /** The SRV records of the destination's domain for one transport. */
    private List<SipTargets.Step> services(SipDestination destination, SipTransport transport) throws SipDnsException {
        return srv(transport.srvPrefix() + destination.domain(), transport);
    }

    /** RFC 2782: by priority, and within a priority in a random order weighted by the records' weights. */
    private List<SipTargets.Step> srv(String name, SipTransport transport) throws SipDnsException {
        List<SRVRecord> records = new ArrayList<>();
        for (Record record : query(name, Type.SRV)) {
            // A target of "." says the service is not offered there.
            if (record instanceof SRVRecord srv && !srv.getTarget().equals(Name.root)) {
                records.add(srv);
            }
        }
        records.sort(Comparator.comparingInt(SRVRecord::getPriority));
        List<SipTargets.Step> steps = new ArrayList<>();
        int start = 0;
        while (start < records.size()) {
            int end = start;
            while (end < records.size() && records.get(end).getPriority() == records.get(start).getPriority()) {
                end++;
            }
            for (SRVRecord srv : weightedOrder(new ArrayList<>(records.subList(start, end)))) {
                steps.add(SipTargets.Step.host(srv.getTarget().toString(true), srv.getPort(), transport));
            }
            start = end;
        }
        return steps;
    }

    private List<SRVRecord> weightedOrder(List<SRVRecord> group) {
        // Those of weight 0 first, so that they get a small chance (RFC 2782's selection algorithm).
        group.sort(Comparator.comparingInt(SRVRecord::getWeight));
        List<SRVRecord> ordered = new ArrayList<>(group.size());
        while (!group.isEmpty()) {
            int total = group.stream().mapToInt(SRVRecord::getWeight).sum();
            int pick = random.nextInt(total + 1);
            int running = 0;
            for (int i = 0; i < group.size(); i++) {
                running += group.get(i).getWeight();
                if (running >= pick) {
                    ordered.add(group.remove(i));
                    break;
                }
            }
        }
        return ordered;
    }

    /** The A and AAAA addresses of a host, in the settings' order. */
    private List<InetAddress> addresses(String host) throws SipDnsException {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        DnsSettings.AddressFamilies families = settings.families();
        if (families != DnsSettings.AddressFamilies.IPV6_ONLY) {
            for (Record record : query(host, Type.A)) {
                if (record instanceof ARecord a) {
                    v4.add(a.getAddress());
                }
            }
        }
        if (families != DnsSettings.AddressFamilies.IPV4_ONLY) {
            for (Record record : query(host, Type.AAAA)) {
                if (record instanceof AAAARecord aaaa) {
                    v6.add(aaaa.getAddress());
                }
            }
        }
        List<InetAddress> all = new ArrayList<>();
        boolean v6First = families == DnsSettings.AddressFamilies.IPV6_THEN_IPV4;
        all.addAll(v6First ? v6 : v4);
        all.addAll(v6First ? v4 : v6);
        return all;
    }

    /** The records of a name and type; empty when the name or the type does not exist. */
    private List<Record> query(String name, int type) throws SipDnsException {
        Name absolute;
        try {
            absolute = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new SipDnsException(name + " is not a DNS name");
        }
        try {
            return session.lookupAsync(absolute, type).toCompletableFuture()
                    .get(answerWaitMillis, TimeUnit.MILLISECONDS).getRecords();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoSuchDomainException || e.getCause() instanceof NoSuchRRSetException) {
                return List.of();
            }
            if (e.getCause() instanceof LookupFailedException) {
                throw new SipDnsException("DNS refused the " + Type.string(type) + " query for " + name);
            }
            LOG.log(System.Logger.Level.DEBUG, "DNS query for {0} {1} failed: {2}", name, Type.string(type),
                    String.valueOf(e.getCause()));
            throw noAnswer(name, type);
        } catch (TimeoutException e) {
            throw noAnswer(name, type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SipDnsException("interrupted while looking up " + name);
        }
    }

    private SipDnsException noAnswer(String name, int type) {
        return new SipDnsException("no DNS server answered the " + Type.string(type) + " query for " + name
                + " within " + settings.timeout().toMillis() + " ms (" + (settings.retries() + 1) + " tries to "
                + settings.servers() + ")");
    }
}
