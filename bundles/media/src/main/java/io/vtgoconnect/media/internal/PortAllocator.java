package io.vtgoconnect.media.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Binds RTP/RTCP socket pairs: an even RTP port and the odd port above it (RFC 3550 section
 * 11). Each range keeps its free pairs in a queue, the pair released longest ago first, so that
 * taking one and giving it back cost the same whether the range is empty or full: a range with
 * no free pair refuses at once, and a pair that another program holds is tried again only
 * after every other free pair.
 */
public final class PortAllocator {
    /** The two non-blocking sockets of one session, and the pair's place in its range. */
    public record ChannelPair(DatagramChannel rtp, DatagramChannel rtcp, Range range, int port) {
    }

    /** The even ports of a range that have an odd port above them. */
    public record Range(InetAddress address, int first, int pairs) {
    }

    private final Map<Range, ArrayDeque<Integer>> free = new HashMap<>();
    private final Map<Range, Set<Integer>> taken = new HashMap<>();
    /** Addresses found to be this host's: looking up the interfaces costs more than binding. */
    private final Set<InetAddress> local = new HashSet<>();

    /** @throws BindException when the address is not local or no pair of the range can be bound */
    public synchronized ChannelPair bind(InetAddress address, int minPort, int maxPort) throws IOException {
        if (!local.contains(address)) {
            if (!address.isAnyLocalAddress() && NetworkInterface.getByInetAddress(address) == null) {
                throw new BindException(address.getHostAddress() + " is not an address of this host");
            }
            local.add(address);
        }
        int first = (minPort + 1) & ~1;
        int pairs = (maxPort - 1 - first) / 2 + 1;
        if (pairs <= 0) {
            throw new BindException("no even port with an odd one above it in " + minPort + "-" + maxPort);
        }
        Range range = new Range(address, first, pairs);
        ArrayDeque<Integer> queue = free.computeIfAbsent(range, PortAllocator::allPairs);
        Set<Integer> used = taken.computeIfAbsent(range, key -> new HashSet<>());
        // Every free pair is tried once: other programs, or the other phones of a farm sharing the
        // range, may hold any number of them; those go to the end of the queue.
        for (int attempts = queue.size(); attempts > 0; attempts--) {
            Integer port = queue.poll();
            ChannelPair pair;
            try {
                pair = tryBindPair(range, port);
            } catch (IOException | RuntimeException e) {
                // Out of file descriptors, say: the pair is no less free for it.
                queue.add(port);
                throw e;
            }
            if (pair == null) {
                queue.add(port);
                continue;
            }
            used.add(port);
            return pair;
        }
        throw new BindException("no free RTP/RTCP port pair on " + address.getHostAddress() + " in " + minPort + "-"
                + maxPort);
    }

    /** The pair's sockets are closed: it goes to the end of its range's queue. */
    public synchronized void release(ChannelPair pair) {
        Set<Integer> used = taken.get(pair.range());
        if (used != null && used.remove(pair.port())) {
            free.get(pair.range()).add(pair.port());
        }
    }

    /** Free pairs of the range now. */
    public synchronized int freePairs(InetAddress address, int minPort, int maxPort) {
        int first = (minPort + 1) & ~1;
        int pairs = (maxPort - 1 - first) / 2 + 1;
        ArrayDeque<Integer> queue = free.get(new Range(address, first, pairs));
        return queue == null ? Math.max(pairs, 0) : queue.size();
    }

    private static ArrayDeque<Integer> allPairs(Range range) {
        ArrayDeque<Integer> queue = new ArrayDeque<>(range.pairs());
        for (int i = 0; i < range.pairs(); i++) {
            queue.add(range.first() + 2 * i);
        }
        return queue;
    }

    /** Both sockets of the pair, or null when either port is taken; a socket bound before an error is closed. */
    private static ChannelPair tryBindPair(Range range, int port) throws IOException {
        DatagramChannel rtp = tryBind(range.address(), port);
        if (rtp == null) {
            return null;
        }
        try {
            DatagramChannel rtcp = tryBind(range.address(), port + 1);
            if (rtcp == null) {
                rtp.close();
                return null;
            }
            return new ChannelPair(rtp, rtcp, range, port);
        } catch (IOException | RuntimeException e) {
            rtp.close();
            throw e;
        }
    }

    private static DatagramChannel tryBind(InetAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(address, port));
            channel.configureBlocking(false);
            return channel;
        } catch (BindException e) {
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
