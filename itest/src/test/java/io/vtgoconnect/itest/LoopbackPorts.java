package io.vtgoconnect.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;

/** Loopback ports, free or not; the tests run inside the framework, where the test peers' helpers are not. */
final class LoopbackPorts {
    private LoopbackPorts() {
    }

    static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port free for both TCP and UDP now. */
    static int free() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (udpFree(port) && tcpFree(port)) {
                return port;
            }
        }
        throw new IOException("No free loopback port");
    }

    /** Free ports, none the same: the system may hand out a port again once its probing socket is closed. */
    static PrimitiveIterator.OfInt distinct() {
        return IntStream.generate(() -> {
            try {
                return free();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).distinct().iterator();
    }
}
