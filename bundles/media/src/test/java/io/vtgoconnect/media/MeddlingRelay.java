package io.vtgoconnect.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * A loopback UDP relay from a caller to a callee that decides, datagram by datagram, what the
 * callee gets instead: nothing (loss), a changed copy (tampering), the datagram again later
 * (replay), or the next one first (reordering). What the callee sends back goes to the caller
 * untouched.
 */
final class MeddlingRelay implements AutoCloseable {
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

    MeddlingRelay(InetSocketAddress callee, Meddler meddler) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        this.callerSide = DatagramChannel.open().bind(loopback);
        this.calleeSide = DatagramChannel.open().bind(loopback);
        this.forwardThread = new Thread(() -> forward(callee, meddler), "meddling-relay-forward");
        this.backwardThread = new Thread(this::backward, "meddling-relay-backward");
        forwardThread.start();
        backwardThread.start();
    }

    InetSocketAddress callerSide() throws IOException {
        return (InetSocketAddress) callerSide.getLocalAddress();
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
        } catch (IOException e) {
            // Closed: the relay ends.
        }
    }

    private void backward() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                calleeSide.receive(buffer);
                buffer.flip();
                if (caller != null) {
                    callerSide.send(buffer, caller);
                }
            }
        } catch (IOException e) {
            // Closed: the relay ends.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        callerSide.close();
        calleeSide.close();
        forwardThread.join(5000);
        backwardThread.join(5000);
    }
}
