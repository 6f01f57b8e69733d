package io.vtgoconnect.sipstack.bench;

import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.RequestListener;
import io.vtgoconnect.sipstack.SipEndpoint;
import io.vtgoconnect.sipstack.TcpLimits;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.SipProbe;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sip.RequestEvent;

/**
 * Benchmark, not a test: the bytes the SIP stack allocates for each UDP datagram it takes, with
 * JAIN-SIP's stock UDP reader and with the bounded intake (which reads into one buffer of its own
 * and keeps each datagram at its own size). Counted with the JVM's per-thread allocation counter:
 * for the reader thread alone (what the intake changes) and for all the endpoint's threads
 * (parsing, transactions, the listener's events), both opened as a phone's endpoint is (the
 * listener called on the stack's event thread). OPTIONS are sent in rounds small enough that none waits
 * long or is dropped. Run it with {@code bench/udp-intake.sh}.
 *
 * <p>Arguments: {@code [datagrams]}, 20000 unless told.
 */
public final class UdpIntakeAllocationBench {
    private static final int ROUND = 50;
    private static final String READER_THREAD = "MessageProcessorThread-UDP-";
    private static final String ENDPOINT_THREADS = "vtgo-sip-";

    private UdpIntakeAllocationBench() {
    }

    public static void main(String[] args) throws Exception {
        int datagrams = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.printf(Locale.ROOT, "Java %s, %d OPTIONS of %d bytes each over UDP on 127.0.0.1, after %d to warm up%n",
                System.getProperty("java.version"), datagrams, SipProbe.options(0, 0, "0").length, datagrams / 4);
        System.out.printf(Locale.ROOT, "%-46s %16s %16s%n", "UDP intake", "reader B/dgram", "endpoint B/dgram");
        for (boolean bounded : List.of(false, true)) {
            Allocation allocation = measure(bounded, datagrams);
            System.out.printf(Locale.ROOT, "%-46s %16.0f %16.0f%n",
                    bounded ? "bounded (one read buffer, datagram's own size)" : "JAIN-SIP stock (64 KiB buffer a datagram)",
                    allocation.reader, allocation.endpoint);
        }
    }

    private record Allocation(double reader, double endpoint) {
    }

    private static Allocation measure(boolean bounded, int datagrams) throws Exception {
        int port = FreePorts.udpAndTcp();
        Counting listener = new Counting();
        HostPort local = new HostPort("127.0.0.1", port);
        try (SipEndpoint endpoint = bounded
                ? SipEndpoint.open(local, listener, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES, 1000, Optional.empty(),
                        TcpLimits.DEFAULT)
                : SipEndpoint.open(local, listener);
                DatagramSocket peer = new DatagramSocket(0)) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            send(peer, server, listener, datagrams / 4, 0);
            long readerBefore = allocated(READER_THREAD);
            long endpointBefore = allocated(ENDPOINT_THREADS);
            send(peer, server, listener, datagrams, datagrams);
            return new Allocation((allocated(READER_THREAD) - readerBefore) / (double) datagrams,
                    (allocated(ENDPOINT_THREADS) - endpointBefore) / (double) datagrams);
        }
    }

    /** Sends the requests in rounds, each handled before the next is sent. */
    private static void send(DatagramSocket peer, InetSocketAddress server, Counting listener, int count, int firstNumber)
            throws Exception {
        for (int sent = 0; sent < count; ) {
            int round = Math.min(ROUND, count - sent);
            int target = listener.handled.get() + round;
            for (int i = 0; i < round; i++, sent++) {
                byte[] request = SipProbe.options(server.getPort(), peer.getLocalPort(), "bench" + (firstNumber + sent));
                peer.send(new DatagramPacket(request, request.length, server));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listener.handled.get() < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the endpoint handled " + listener.handled.get() + ", not " + target);
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
        }
    }

    /** Bytes the threads whose name or group starts with the prefix have allocated so far. */
    private static long allocated(String prefix) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ThreadGroup group = thread.getThreadGroup();
            if (thread.getName().startsWith(prefix) || group != null && group.getName().startsWith(prefix)) {
                bytes += threads.getThreadAllocatedBytes(thread.getId());
            }
        }
        return bytes;
    }

    /** Counts the requests; answers none (the stack's own answering is not what is measured). */
    private static final class Counting implements RequestListener {
        final AtomicInteger handled = new AtomicInteger();

        @Override
        public void processRequest(RequestEvent event) {
            handled.incrementAndGet();
        }
    }
}
