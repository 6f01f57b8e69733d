package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jetty holds the runtime's connection limit (etc/jetty.xml) from its first start: Pax Web starts it
 * before FileInstall has read etc/org.ops4j.pax.web.cfg, on properties alone. With no such file at
 * all, Jetty stays as it is in that first second (on the framework's port 6970), and a connection
 * past a limit of 4 still waits until an idle one is closed to make room.
 */
class HttpFirstStartIT {
    private static final int FIRST_START_PORT = RuntimeEtc.DEFAULT_HTTP_PORT;
    private static final int LIMIT = 4;
    /** The time ConnectionLimit gives idle connections once the limit is reached (runtime/etc/jetty.xml). */
    private static final long AT_LIMIT_IDLE_MILLIS = 1000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path home;

    @Test
    void jettysFirstStartAlreadyHasTheConnectionLimit() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(home).withoutHttpConfiguration();
        Path jetty = etc.folder.resolve("jetty.xml");
        String limited = Files.readString(jetty).replace("<Arg type=\"int\">1000</Arg>", "<Arg type=\"int\">" + LIMIT + "</Arg>");
        assertTrue(limited.contains(">" + LIMIT + "<"), "runtime/etc/jetty.xml no longer sets the limit as this test expects");
        Files.writeString(jetty, limited);

        try (PipedConsole console = new PipedConsole(home)) {
            awaitListening(30_000);
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < LIMIT; i++) {
                    idle.add(new Socket(LOOPBACK, FIRST_START_PORT));
                }
                long asked = System.nanoTime();
                String status = statusLine(5000);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
                System.out.printf("HTTP at its first start, %d idle connections of a limit of %d: the next request answered "
                        + "%s after %d ms%n", LIMIT, LIMIT, status, millis);
                assertTrue(status.startsWith("HTTP/1.1 "), status);
                assertTrue(millis >= AT_LIMIT_IDLE_MILLIS - 300, "answered after " + millis + " ms: the limit did not hold");
                assertTrue(closedAny(idle, 3000), "no idle connection was closed to make room");
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    /** Whether Jetty closed one of the connections (none was sent anything) within the time. */
    private static boolean closedAny(List<Socket> sockets, long waitMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (System.nanoTime() < deadline) {
            for (Socket socket : sockets) {
                socket.setSoTimeout(20);
                try {
                    if (socket.getInputStream().read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // look at the next one
                } catch (IOException reset) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits until Jetty takes connections on the port (the probe connection is closed at once). */
    private static void awaitListening(long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            try (Socket probe = new Socket(LOOPBACK, FIRST_START_PORT)) {
                return;
            } catch (IOException notYet) {
                assertTrue(System.nanoTime() < deadline, "nothing listens on " + FIRST_START_PORT + " after " + waitMillis + " ms");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** A request on a new connection, and the status line of its answer ("" if none came in time). */
    private static String statusLine(int waitMillis) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, FIRST_START_PORT)) {
            socket.setSoTimeout(waitMillis);
            socket.getOutputStream().write("GET /no-such-page HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line == null ? "" : line;
        } catch (SocketTimeoutException none) {
            return "";
        }
    }
}
