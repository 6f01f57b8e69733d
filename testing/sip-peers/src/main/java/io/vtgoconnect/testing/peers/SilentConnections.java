package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TCP connections opened to a loopback port that never send a byte, as an attacker holds them, and
 * when the listener closes each: what a SIP port's first-message time and connection cap decide.
 */
public final class SilentConnections implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final long openedNanos;

    /** Opens {@code count} connections to the loopback port, one after the other. */
    public SilentConnections(int port, int count) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        openedNanos = System.nanoTime();
    }

    /**
     * Milliseconds from the last connection's opening until the listener closed connection
     * {@code index} (the first opened is 0), waiting until {@code deadlineMillis} after that
     * opening at most; -1 when it is still open then.
     */
    public long closedAfterMillis(int index, long deadlineMillis) throws IOException {
        Socket socket = sockets.get(index);
        long left = deadlineMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos);
        socket.setSoTimeout((int) Math.max(1, left));
        try {
            while (socket.getInputStream().read() >= 0) {
                // nothing is expected before the close
            }
        } catch (SocketTimeoutException stillOpen) {
            return -1;
        } catch (IOException reset) {
            // closed
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos);
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
