package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.SipProbe;
import io.vtgoconnect.testing.peers.Sipp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * A flood of OPTIONS, faster than the phone can answer, at a registered phone's SIP port over a real
 * socket: the phone keeps answering through it, each answer soon after its request (what does not
 * fit in the intake is dropped, not queued), a call made during it connects, and once it ends the
 * phone answers the next OPTIONS at once.
 */
class UdpFloodTest {
    /** The phone's UDP intake, small so that the flood fills it quickly. */
    private static final int WAITING = 20;
    private static final long FLOOD_SECONDS = 4;
    /**
     * An answer later than this reaches a client that has sent its request four times (RFC 3261:
     * after T1, 2 x T1 and 4 x T1). The intake and the hand-off to the phone's worker each hold
     * few messages, but on 2 loaded cores the worker's turn still took up to 2 s; the stock
     * intake's answers came 6 s after their requests.
     */
    private static final long SLOWEST_ANSWER_MILLIS = 3000;

    @Test
    void aRegisteredPhoneKeepsAnsweringAndCallingThroughAUdpFlood() throws Exception {
        int uasPort = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        try (Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5")) {
            SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort, "sip_max_waiting_datagrams", WAITING),
                    TestLogs.FACTORY);
            phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port, "keepalive_interval", 0));
            RecordingListener listener = new RecordingListener();
            phone.start(listener);
            try {
                listener.await(CallManagerConnected.class);
                Flood flood = new Flood(sipPort);
                try (flood; Sipp uas = Sipp.uas(uasPort, "uas-answer")) {
                    flood.awaitAnswers(100);
                    CallRef call = phone.dial(1, "9001");
                    listener.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
                    phone.hangUp(call);
                    uas.awaitSuccess();
                    flood.runFor(TimeUnit.SECONDS.toNanos(FLOOD_SECONDS));
                }
                assertTrue(flood.sent() > 2 * flood.answered(), "the flood (" + flood.sent() + " OPTIONS, "
                        + flood.answered() + " answered) was not faster than the phone");
                assertTrue(flood.slowestAnswerMillis() < SLOWEST_ANSWER_MILLIS, "an OPTIONS of the flood was answered "
                        + flood.slowestAnswerMillis() + " ms after it was sent: the flood queued up");
                for (int second = 0; second < FLOOD_SECONDS; second++) {
                    assertTrue(flood.answeredIn(second) > 0, "the phone answered none of the flood in its second "
                            + (second + 1) + ": " + flood.answersPerSecond());
                }
                assertTrue(answersOptionsWithin(sipPort, 2), "the phone did not answer an OPTIONS within 2 s of the flood");
                assertTrue(listener.lines(0).stream().noneMatch(line -> line.contains("Disconnected from CallManager")),
                        listener.lines(0).toString());
            } finally {
                phone.stop();
            }
        }
    }

    /** Sends an OPTIONS every 500 ms (a UAC's first retransmissions) until its 200 comes, for at most the time. */
    private static boolean answersOptionsWithin(int sipPort, long seconds) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            probe.setSoTimeout(500);
            byte[] request = SipProbe.options(sipPort, probe.getLocalPort(), "probe");
            byte[] buffer = new byte[65536];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                probe.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), sipPort));
                try {
                    DatagramPacket response = new DatagramPacket(buffer, buffer.length);
                    probe.receive(response);
                    if (new String(buffer, 0, response.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
                        return true;
                    }
                } catch (SocketTimeoutException notYet) {
                    // Sent again.
                }
            }
            return false;
        }
    }

    /**
     * OPTIONS, each a new transaction, sent from one socket as fast as it can until closed, and the
     * 200s that come back, counted by the second from the moment {@link #runFor} starts the clock.
     */
    private static final class Flood implements AutoCloseable {
        private final DatagramSocket socket;
        private final AtomicBoolean flooding = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong slowestAnswer = new AtomicLong();
        private final AtomicLongArray perSecond = new AtomicLongArray((int) FLOOD_SECONDS);
        private volatile long clockStart = Long.MAX_VALUE;
        private final Thread sender;
        private final Thread receiver;

        Flood(int sipPort) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
            InetSocketAddress phone = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
            sender = new Thread(() -> {
                try {
                    while (flooding.get()) {
                        // The branch carries when the request left, read back from the answer's Via.
                        byte[] request = SipProbe.options(sipPort, socket.getLocalPort(), "flood" + System.nanoTime());
                        socket.send(new DatagramPacket(request, request.length, phone));
                        sent.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // The flood ends.
                }
            }, "udp-flood-sender");
            receiver = new Thread(this::countAnswers, "udp-flood-receiver");
            receiver.start();
            sender.start();
        }

        private void countAnswers() {
            byte[] buffer = new byte[65536];
            while (flooding.get()) {
                try {
                    DatagramPacket response = new DatagramPacket(buffer, buffer.length);
                    socket.receive(response);
                    answered.incrementAndGet();
                    slowestAnswer.accumulateAndGet(System.nanoTime() - sentAt(buffer, response.getLength()), Math::max);
                    long second = (System.nanoTime() - clockStart) / TimeUnit.SECONDS.toNanos(1);
                    if (second >= 0 && second < FLOOD_SECONDS) {
                        perSecond.incrementAndGet((int) second);
                    }
                } catch (SocketTimeoutException quiet) {
                    // Still flooding?
                } catch (IOException closed) {
                    return;
                }
            }
        }

        /** When the answered request was sent, from the branch of the answer's Via. */
        private static long sentAt(byte[] answer, int length) {
            String text = new String(answer, 0, length, StandardCharsets.US_ASCII);
            int start = text.indexOf("branch=z9hG4bKflood") + "branch=z9hG4bKflood".length();
            int end = start;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return Long.parseLong(text.substring(start, end));
        }

        /** Waits until the phone has answered this many of the flood, with a deadline. */
        void awaitAnswers(long count) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < count) {
                assertTrue(System.nanoTime() < deadline, "the phone answered " + answered.get() + " of the flood in 30 s");
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }

        /** Counts the answers by the second from now, and returns once the time has passed. */
        void runFor(long nanos) {
            long start = System.nanoTime();
            clockStart = start;
            while (System.nanoTime() - start < nanos) {
                java.util.concurrent.locks.LockSupport.parkNanos(nanos - (System.nanoTime() - start));
            }
        }

        long sent() {
            return sent.get();
        }

        long answered() {
            return answered.get();
        }

        /** Milliseconds from the flood request answered last after it was sent to its answer. */
        long slowestAnswerMillis() {
            return TimeUnit.NANOSECONDS.toMillis(slowestAnswer.get());
        }

        long answeredIn(int second) {
            return perSecond.get(second);
        }

        String answersPerSecond() {
            return perSecond.toString();
        }

        @Override
        public void close() throws InterruptedException {
            flooding.set(false);
            sender.join(5000);
            receiver.join(5000);
            socket.close();
        }
    }
}
