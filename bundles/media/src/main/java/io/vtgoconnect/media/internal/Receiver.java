package io.vtgoconnect.media.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Receives the datagrams of a clock worker's sessions: its thread {@link #poll polls} a selector
 * without blocking at every slot, and hands each datagram to its socket's handler with the poll's
 * time as its arrival time, at most a slot (2 ms) after the real one. A thread of its own that
 * woke for every datagram (25,000 a second at 500 calls) cost more than receiving them did.
 */
public final class Receiver {
    /** Takes one datagram; {@code data} is reused once the call returns. */
    @FunctionalInterface
    public interface DatagramHandler {
        void received(byte[] data, int length, InetSocketAddress from, long arrivalNanos);
    }

    private static final System.Logger LOG = System.getLogger(Receiver.class.getName());
    private static final int MAX_DATAGRAM = 4096;
    private static final long UNREGISTER_TIMEOUT_SECONDS = 5;

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    /** Made once: a method reference at each poll would be an object a poll. */
    private final Consumer<SelectionKey> receiver = this::receive;
    private Thread owner;
    private long arrivalNanos;

    public Receiver() throws IOException {
        selector = Selector.open();
    }

    /** The thread that polls from now on: the only one that closes the registered channels. */
    void ownedBy(Thread thread) {
        owner = thread;
    }

    /** Delivers the channel's datagrams to the handler from the next poll on. */
    public void register(DatagramChannel channel, DatagramHandler handler) throws IOException {
        channel.register(selector, SelectionKey.OP_READ, handler);
    }

    /**
     * Closes the channels and returns once their ports are free. A channel registered with a
     * selector keeps its socket until the selector next runs, so the polling thread closes them
     * between two polls. Called from that thread (a handler or a tick), it only closes them: the
     * poll that follows frees the ports.
     */
    public void unregister(DatagramChannel... channels) {
        if (Thread.currentThread() == owner || owner == null || !owner.isAlive()) {
            closeAll(channels);
            return;
        }
        CountDownLatch released = new CountDownLatch(1);
        tasks.add(() -> {
            closeAll(channels);
            releaseClosedChannels();
            released.countDown();
        });
        try {
            if (!released.await(UNREGISTER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "clock thread did not release RTP sockets in time");
                closeAll(channels);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(channels);
        }
    }

    /** On the owner's thread: hands over every datagram waiting now, then runs the tasks given meanwhile. */
    void poll() {
        arrivalNanos = System.nanoTime();
        try {
            selector.selectNow(receiver);
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.ERROR, "RTP receive poll failed", e);
        }
        runTasks();
    }

    /** On the owner's thread, as it ends: closes the selector and what waits to be closed. */
    void close() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the RTP selector failed", e);
        }
        runTasks();
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null;) {
            task.run();
        }
    }

    /**
     * Takes one datagram: a socket with more queued stays ready and is served by the next poll,
     * which costs less than the extra receive call that would find it empty (20 ms of a call's
     * audio is one datagram).
     */
    private void receive(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        try {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from != null) {
                ((DatagramHandler) key.attachment()).received(buffer.array(), buffer.position(), from, arrivalNanos);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "RTP receive failed", e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "RTP packet handler failed", e);
        }
    }

    private void closeAll(DatagramChannel... channels) {
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing an RTP socket failed", e);
            }
        }
    }

    private void releaseClosedChannels() {
        if (!selector.isOpen()) {
            return;
        }
        try {
            selector.selectNow(receiver);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "releasing RTP sockets failed", e);
        }
    }
}
