package io.vtgoconnect.itest;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleReference;

/** What a stopped bundle may leave behind in the framework: threads and bound loopback ports; and free ports to configure. */
final class Leftovers {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private Leftovers() {
    }

    /** The threads alive now. */
    static Set<Thread> liveThreads() {
        Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).forEach(threads::add);
        return threads;
    }

    /**
     * The threads that the bundles started: by name, by the bundle of their class or context class
     * loader, or by their code on the stack. The JVM's own threads (its system thread group) are not
     * theirs even while they run their code: JAIN-SIP's SipStackImpl.finalize() stops the collected
     * stack again on the Finalizer thread.
     */
    static List<Thread> threadsOf(Set<Thread> threads, List<String> names, List<String> packages, Bundle... bundles) {
        Set<Long> ids = Arrays.stream(bundles).map(Bundle::getBundleId).collect(Collectors.toSet());
        return threads.stream().filter(thread -> !isJvmThread(thread))
                .filter(thread -> names.stream().anyMatch(thread.getName()::contains)
                        || belongsTo(thread.getClass().getClassLoader(), ids)
                        || belongsTo(thread.getContextClassLoader(), ids)
                        || Arrays.stream(thread.getStackTrace()).anyMatch(frame -> packages.stream()
                                .anyMatch(frame.getClassName()::startsWith)))
                .toList();
    }

    private static boolean isJvmThread(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return group != null && group.getParent() == null;
    }

    private static boolean belongsTo(ClassLoader loader, Set<Long> bundleIds) {
        return loader instanceof BundleReference reference && reference.getBundle() != null
                && bundleIds.contains(reference.getBundle().getBundleId());
    }

    /** Each thread: its name, class, context class loader and the top of its stack. */
    static String describe(Iterable<Thread> threads) {
        StringBuilder text = new StringBuilder();
        for (Thread thread : threads) {
            text.append("  \"").append(thread.getName()).append("\" ").append(thread.getClass().getName())
                    .append(thread.isDaemon() ? " daemon" : "").append(", context loader ")
                    .append(thread.getContextClassLoader()).append('\n');
            Arrays.stream(thread.getStackTrace()).limit(12)
                    .forEach(frame -> text.append("      at ").append(frame).append('\n'));
        }
        return text.toString();
    }

    /** Waits until every port can be bound again on 127.0.0.1, over UDP and over TCP as listed. */
    static void awaitFree(List<Integer> udpPorts, List<Integer> tcpPorts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> busy = busyPorts(udpPorts, tcpPorts);
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            busy = busyPorts(udpPorts, tcpPorts);
        }
        if (!busy.isEmpty()) {
            fail("Still bound: " + busy);
        }
    }

    private static List<String> busyPorts(List<Integer> udpPorts, List<Integer> tcpPorts) {
        List<String> busy = new ArrayList<>();
        udpPorts.stream().filter(port -> !udpFree(port)).forEach(port -> busy.add("UDP " + port));
        tcpPorts.stream().filter(port -> !tcpFree(port)).forEach(port -> busy.add("TCP " + port));
        return busy;
    }

    /** {@code count} ports from {@code first} on. */
    static List<Integer> range(int first, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int port = first; port < first + count; port++) {
            ports.add(port);
        }
        return ports;
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port free for both TCP and UDP now. */
    static int freeLoopbackPort() throws IOException {
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

    /** Free loopback ports, none the same: a port may be handed out again once its probing socket is closed. */
    static PrimitiveIterator.OfInt freeLoopbackPorts() {
        return IntStream.generate(() -> {
            try {
                return freeLoopbackPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).distinct().iterator();
    }

    /** The first port of {@code count} free UDP ports in a row, starting even (RTP even, RTCP odd). */
    static int freeRtpRange(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort() & ~1;
            }
            boolean free = true;
            for (int p = port; p < port + count && free; p++) {
                free = udpFree(p);
            }
            if (free && port > 1024 && port + count <= 65535) {
                return port;
            }
        }
        throw new IOException("No free RTP range");
    }

    /** Waits, polling, until the condition holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
