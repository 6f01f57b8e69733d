package io.vtgoconnect.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A loopback UDP relay between a caller and a callee that drops every n-th datagram from the
 * caller: what a lossy network does to RTP. The caller sends to {@link #callerSide()}; the callee
 * receives from {@link #calleeSide()}, and what it sends there goes back to the caller.
 */
final class UdpRelay implements AutoCloseable {
    private final DatagramChannel callerSide;
    private final DatagramChannel calleeSide;
    private final Thread forwardThread;
    private final Thread backwardThread;
    private final int dropEvery;
    private volatile InetSocketAddress caller;
    private int fromCaller;
    private int dropped;
    private boolean lastDropped;

    UdpRelay(InetSocketAddress callee, int dropEvery) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        this.callerSide = DatagramChannel.open().bind(loopback);
        this.calleeSide = DatagramChannel.open().bind(loopback);
        this.dropEvery = dropEvery;
        this.forwardThread = new Thread(() -> forward(callee), "relay-forward");
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

    private void forward(InetSocketAddress callee) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                caller = (InetSocketAddress) callerSide.receive(buffer);
                if (countAndDecideToDrop()) {
                    continue;
                }
                calleeSide.send(buffer.flip(), callee);
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

    private synchronized boolean countAndDecideToDrop() {
        fromCaller++;
        lastDropped = fromCaller % dropEvery == 0;
        if (lastDropped) {
            dropped++;
        }
        return lastDropped;
    }
}
