package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Loopback ports free for both UDP and TCP right now, for a peer to bind a moment later. They come from
 * 10000-15999, below the kernel's ephemeral ports (32768 on, Linux's default) and the phones' RTP ports (16000
 * on): a port taken from the ephemeral range, free when chosen, could meanwhile be given to an outgoing
 * connection or a socket bound to port 0 (a browser's, a peer's), and the peer would find it in use. Each port
 * is handed out once, until the range comes round again from a random place in it, so that two JVMs at once
 * seldom try the same ports.
 */
public final class FreePorts {
    private static final String TCP_LISTEN = "0A";
    private static final int FIRST = 10_000;
    private static final int END = 16_000;
    private static int next = FIRST + ThreadLocalRandom.current().nextInt(END - FIRST);

    private FreePorts() {
    }

    public static int udpAndTcp() {
        return udpAndTcp(1);
    }

    /**
     * The first of {@code count} consecutive ports free for UDP and TCP: a farm's phones take one each, and
     * SIPp binds its audio on the port it is given and its video two above it.
     */
    public static synchronized int udpAndTcp(int count) {
        for (int tried = 0; tried < END - FIRST; tried++) {
            int first = next + count <= END ? next : FIRST;
            int port = first;
            while (port < first + count && isFree(port)) {
                port++;
            }
            if (port == first + count) {
                next = port;
                return first;
            }
            next = port + 1;
        }
        throw new IllegalStateException("No " + count + " free loopback ports in a row from " + FIRST + " to " + (END - 1));
    }

    /** The first, even, of {@code pairs} RTP port pairs in a row (RTP even, RTCP odd) free for UDP and TCP. */
    public static int rtpPairs(int pairs) {
        int first = udpAndTcp(2 * pairs + 1);
        return first + first % 2;
    }

    /** Whether a UDP and a TCP socket both bind to the loopback port without SO_REUSEADDR: a port still in TIME_WAIT is taken. */
    private static boolean isFree(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (DatagramSocket udp = new DatagramSocket(null); ServerSocket tcp = new ServerSocket()) {
            udp.setReuseAddress(false);
            udp.bind(address);
            tcp.setReuseAddress(false);
            tcp.bind(address);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * Whether a socket is bound to the loopback port (127.0.0.1 or ::1) over UDP or TCP, read from /proc/net so that
     * asking does not itself take the port from a peer that is binding it.
     */
    public static boolean isBound(int port) {
        return inTables(port, true);
    }

    /** Whether something listens for TCP connections on the loopback port: a peer that binds UDP first may not yet. */
    public static boolean isListening(int port) {
        return inTables(port, false);
    }

    private static boolean inTables(int port, boolean udpToo) {
        // Java binds through IPv6 sockets, where 127.0.0.1 shows as ::ffff:127.0.0.1.
        return inTables(port, udpToo, "/proc/net/udp", "/proc/net/tcp", "0100007F")
                || inTables(port, udpToo, "/proc/net/udp6", "/proc/net/tcp6", "0000000000000000FFFF00000100007F")
                || inTables(port, udpToo, "/proc/net/udp6", "/proc/net/tcp6", "00000000000000000000000001000000");
    }

    private static boolean inTables(int port, boolean udpToo, String udpTable, String tcpTable, String loopback) {
        String local = String.format("%s:%04X", loopback, port);
        for (String table : udpToo ? new String[] {udpTable, tcpTable} : new String[] {tcpTable}) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                if (lines.skip(1).map(line -> line.trim().split("\\s+")).anyMatch(fields -> fields[1].equals(local)
                        && (table.equals(udpTable) || fields[3].equals(TCP_LISTEN)))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
