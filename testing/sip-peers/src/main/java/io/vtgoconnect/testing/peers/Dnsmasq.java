package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * dnsmasq as the DNS server of a test, on 127.0.0.1 and a free port: it answers only from the
 * records it is given (dnsmasq's {@code host-record}, {@code srv-host}, {@code naptr-record}
 * lines), with the TTL given, forwards nothing, and logs every query it gets, so that a test can
 * count them.
 */
public final class Dnsmasq implements AutoCloseable {
    private final int port;
    private final PeerProcess process;
    private final Path config;

    /**
     * @param ttl the TTL of every answer, in seconds
     * @param domain the domain it answers for: names in it that have no record are answered as not existing
     * @param records dnsmasq configuration lines
     */
    public Dnsmasq(int ttl, String domain, List<String> records) {
        port = FreePorts.udpAndTcp();
        try {
            config = Files.createTempFile("dnsmasq", ".conf");
            Files.write(config, concat(List.of("port=" + port, "listen-address=127.0.0.1", "bind-interfaces",
                    "no-resolv", "no-hosts", "no-poll", "log-queries", "log-facility=-", "user=root",
                    "pid-file=", "local-ttl=" + ttl, "local=/" + domain + "/"), records));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String binary = PeerProcess.binary("dnsmasq", "dnsmasq");
        process = new PeerProcess("dnsmasq", List.of(binary, "--keep-in-foreground", "--conf-file=" + config));
        process.awaitReady("dnsmasq", () -> FreePorts.isBound(port));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** How many queries of this type (A, AAAA, SRV, NAPTR) for this name it has answered so far. */
    public long queries(String type, String name) {
        return count(Pattern.compile(".*query\\[" + type + "\\] " + Pattern.quote(name) + " from .*"));
    }

    /** How many queries of any type, for any name, it has answered so far. */
    public long queries() {
        return count(Pattern.compile(".*query\\[[A-Z0-9]+\\] .* from .*"));
    }

    private long count(Pattern query) {
        try {
            return Files.readAllLines(process.log()).stream().filter(line -> query.matcher(line).matches()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
        try {
            Files.deleteIfExists(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
