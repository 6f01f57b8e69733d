package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loopback ports free for both UDP and TCP right now. */
public final class FreePorts {
    private static final String TCP_LISTEN = "0A";
    private static final int MAX_PORT = 65535;

    private FreePorts() {
    }

    public static int udpAndTcp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free loopback port");
    }

    /**
     * The first of {@code count} consecutive loopback ports free for UDP right now: SIPp binds its
     * audio on the port it is given and its video two above it.
     */
    public static int udpBlock(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<DatagramSocket> held = new ArrayList<>();
            try {
                DatagramSocket first = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(first);
                int base = first.getLocalPort();
                if (base + count - 1 > MAX_PORT) {
                    continue;
                }
                for (int port = base + 1; port < base + count; port++) {
                    held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                }
                return base;
            } catch (IOException taken) {
                // try another
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("No " + count + " free loopback ports in a row");
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
