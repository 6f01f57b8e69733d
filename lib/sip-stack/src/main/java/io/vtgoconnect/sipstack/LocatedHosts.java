package io.vtgoconnect.sipstack;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host names an endpoint may send to: each with the address and port DNS gave for it and
 * chose for now (RFC 3263), which {@link LiteralAddressResolver} puts in place of the name when
 * the stack sends a request there. A name not here is refused, never looked up. Thread-safe.
 */
public final class LocatedHosts {
    private final Map<String, InetSocketAddress> targets = new ConcurrentHashMap<>();

    /** Requests for {@code hostName} go to {@code target} (a resolved address) from now on. */
    public void route(String hostName, InetSocketAddress target) {
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("not a resolved address: " + target);
        }
        targets.put(key(hostName), target);
    }

    /** Requests for {@code hostName} are refused again. */
    public void forget(String hostName) {
        targets.remove(key(hostName));
    }

    /** Where requests for the name go now, if it was located. */
    public Optional<InetSocketAddress> target(String hostName) {
        return Optional.ofNullable(targets.get(key(hostName)));
    }

    /** The name an address was located under, which a TLS server's certificate must then name. */
    Optional<String> nameOf(InetSocketAddress address) {
        return targets.entrySet().stream().filter(entry -> entry.getValue().equals(address)).map(Map.Entry::getKey)
                .findFirst();
    }

    private static String key(String hostName) {
        String name = hostName.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
