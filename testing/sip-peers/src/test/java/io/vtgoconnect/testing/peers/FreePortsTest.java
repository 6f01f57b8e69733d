package io.vtgoconnect.testing.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void portsHandedOutAreBelowTheEphemeralRangeAndNeverTheSameTwice() throws IOException {
        // Read by lines: Files.readString reads a /proc/sys file (size 0) one byte first, and the kernel ends it there.
        int ephemeralFirst = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0).split("\\s+")[0]);
        Set<Integer> handedOut = new HashSet<>();
        for (int block = 0; block < 200; block++) {
            int first = FreePorts.udpAndTcp(3);
            for (int port = first; port < first + 3; port++) {
                assertTrue(port < ephemeralFirst && port < 16_000, port + " is not below the ephemeral and RTP ports");
                assertTrue(handedOut.add(port), port + " handed out twice");
            }
        }
    }

    @Test
    void aBlockSkipsPortsTakenForUdpOrForTcp() throws IOException {
        int before = FreePorts.udpAndTcp();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, before + 1));
                ServerSocket tcp = new ServerSocket(before + 2, 1, LOOPBACK)) {
            int first = FreePorts.udpAndTcp(3);
            for (int port = first; port < first + 3; port++) {
                assertTrue(port != before + 1 && port != before + 2, "taken port " + port + " handed out");
                try (DatagramSocket udpNow = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
                        ServerSocket tcpNow = new ServerSocket(port, 1, LOOPBACK)) {
                    // Both bind: the port was free for either.
                }
            }
        }
    }
}
