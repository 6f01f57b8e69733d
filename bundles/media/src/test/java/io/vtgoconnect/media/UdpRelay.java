package io.vtgoconnect.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * A loopback UDP relay between a caller and a callee that does to the caller's datagrams what a
 * network may: drops every n-th (lossy RTP), or anything a {@link Meddler} decides (reordering,
 * replays, tampering). The caller sends to {@link #callerSide()}; the callee receives from
 * {@link #calleeSide()}, and what it sends there goes back to the caller untouched.
 */
final class UdpRelay implements AutoCloseable {
    /** What to forward in place of the caller's {@code index}-th datagram (counted from 0). */
    @FunctionalInterface
    interface Meddler {
        List<byte[]> forward(int index, byte[] datagram);
    }

    private final DatagramChannel callerSide;
    private final DatagramChannel calleeSide;
    private final Thread forwardThread;
    private final Thread backwardThread;
    private volatile InetSocketAddress caller;
    private int dropped;
    private boolean lastDropped;

    /** A relay that drops every {@code dropEvery}-th datagram from the caller. */
    UdpRelay(InetSocketAddress callee, int dropEvery) throws IOException {
        this(callee, null, dropEvery);
    }

    /** A relay that forwards what the meddler says. */
    UdpRelay(InetSocketAddress callee, Meddler meddler) throws IOException {
        this(callee, meddler, 0);
    }

    private UdpRelay(InetSocketAddress callee, Meddler meddler, int dropEvery) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        this.callerSide = DatagramChannel.open().bind(loopback);
        this.calleeSide = DatagramChannel.open().bind(loopback);
        Meddler forwarding = meddler != null ? meddler : (index, datagram) -> dropEveryNth(index, datagram, dropEvery);
        this.forwardThread = new Thread(() -> forward(callee, forwarding), "relay-forward");
        this.backwardThread = new Thread(this::backward, "relay-backward");
        forwardThread.start();
        backwardThread.start();
    }

    InetSocketAddress callerSide() throws IOException {
        return (InetSocketAddress) callerSide.getLocalAddress();
    }

    InetSocketAddress calleeSide() throws IOException {
        return (InetSocketAddress) calleeSide.getLocalAddress();
    }

    synchronized int dropped() {
        return dropped;
    }

    /** Packets dropped before the last one that got through: what the callee can count as lost. */
    synchronized int droppedBeforeLastForwarded() {
        return lastDropped ? dropped - 1 : dropped;
    }

    @Override
    public void close() throws IOException {
        callerSide.close();
        calleeSide.close();
        try {
            forwardThread.join();
            backwardThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(InetSocketAddress callee, Meddler meddler) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            for (int index = 0;; index++) {
                buffer.clear();
                caller = (InetSocketAddress) callerSide.receive(buffer);
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                for (byte[] out : meddler.forward(index, datagram)) {
                    calleeSide.send(ByteBuffer.wrap(out), callee);
                }
            }
        } catch (IOException closed) {
            // The relay was closed.
        }
    }

    private void backward() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                calleeSide.receive(buffer);
                if (caller != null) {
                    callerSide.send(buffer.flip(), caller);
                }
            }
        } catch (IOException closed) {
            // The relay was closed.
        }
    }

    private synchronized List<byte[]> dropEveryNth(int index, byte[] datagram, int dropEvery) {
        lastDropped = (index + 1) % dropEvery == 0;
        if (lastDropped) {
            dropped++;
            return List.of();
        }
        return List.of(datagram);
    }
}
