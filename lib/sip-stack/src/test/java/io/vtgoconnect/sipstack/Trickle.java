package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** A peer that sends a byte every 200 ms: never silent long enough for a read timeout, never a whole line. */
final class Trickle {
    private static final long GIVE_UP_SECONDS = 10;

    private Trickle() {
    }

    /**
     * Trickles on the socket until the endpoint closes it, for up to 10 s after {@code openedNanos}.
     * @return the milliseconds from {@code openedNanos} until it was closed, or -1 if it stayed open
     */
    static long untilClosed(Socket socket, long openedNanos) throws IOException {
        OutputStream out = socket.getOutputStream();
        socket.setSoTimeout(200);
        while (System.nanoTime() - openedNanos < TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS)) {
            try {
                out.write('O');
                out.flush();
                if (socket.getInputStream().read() < 0) {
                    break;
                }
            } catch (SocketTimeoutException stillOpen) {
                // trickle on
            } catch (IOException reset) {
                break;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos);
        return millis < TimeUnit.SECONDS.toMillis(GIVE_UP_SECONDS) ? millis : -1;
    }
}
