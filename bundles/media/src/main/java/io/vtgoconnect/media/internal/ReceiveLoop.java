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
 * One thread that receives the datagrams of every session's sockets through a selector and
 * hands each to its socket's handler with its arrival time (taken here, so that jitter is
 * measured on arrival, not on the next 20 ms tick).
 */
public final class ReceiveLoop {
    /**
     * Takes one datagram, from position 0 to the limit of an array-backed buffer that is reused once the call
     * returns: a handler may send it on as it is (the call server's relay) or read its array in place.
     */
    @FunctionalInterface
    public interface DatagramHandler {
        void received(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos);
    }

    private static final System.Logger LOG = System.getLogger(ReceiveLoop.class.getName());
    private static final int MAX_DATAGRAM = 4096;
    static final long RELEASE_TIMEOUT_SECONDS = 5;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    /** Made once: a method reference at each selection would be an object a selection, thousands a second. */
    private final Consumer<SelectionKey> receiver = this::receive;
    private final boolean releaseInBackground;
    private volatile boolean running = true;

    /**
     * @param releaseInBackground whether {@link #release} returns before the ports are free
     *     instead of once they are
     */
    public ReceiveLoop(String threadName, boolean releaseInBackground) throws IOException {
        this.releaseInBackground = releaseInBackground;
        selector = Selector.open();
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Delivers the channel's datagrams to the handler from now on, instead of the one it had if it had one. */
    public void register(DatagramChannel channel, DatagramHandler handler) throws IOException {
        SelectionKey registered = channel.keyFor(selector);
        if (registered != null) {
            // A session taking over another's sockets: the selector already watches them.
            registered.attach(handler);
            return;
        }
        channel.register(selector, SelectionKey.OP_READ, handler);
        selector.wakeup();
    }

    /**
     * Closes the channels, then runs {@code portsFree} once their ports are free, and returns then,
     * or at once when the loop releases in the background. A channel registered with a selector
     * keeps its socket until the selector next runs, so the loop's own thread closes them between
     * two selections. Called from a handler on that thread, it closes them and runs
     * {@code portsFree} at once: the selection that follows frees the ports, and one bound in
     * between is found taken and tried again later.
     */
    public void release(Runnable portsFree, DatagramChannel... channels) {
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            closeAll(channels);
            portsFree.run();
            return;
        }
        CountDownLatch released = new CountDownLatch(1);
        tasks.add(() -> {
            closeAll(channels);
            releaseClosedChannels();
            portsFree.run();
            released.countDown();
        });
        selector.wakeup();
        if (!running) {
            // The loop may have run its last tasks before this one came: whichever thread polls it runs it.
            runTasks();
        }
        if (releaseInBackground) {
            return;
        }
        try {
            if (!released.await(RELEASE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "receive loop did not release RTP sockets in time");
                closeAll(channels);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(channels);
        }
    }

    /** Stops the thread, waits for it unless called from it, and closes the selector. */
    public void stop() {
        running = false;
        selector.wakeup();
        Threads.joinUnlessCurrent(thread);
    }

    private void run() {
        try {
            while (running) {
                selector.select(receiver);
                runTasks();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.ERROR, "RTP receive loop failed", e);
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the RTP selector failed", e);
            }
            runTasks();
        }
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null;) {
            task.run();
        }
    }

    /**
     * Takes one datagram: a socket with more queued stays ready and is served by the next
     * selection, which costs less than the extra receive call that would find it empty.
     */
    private void receive(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        try {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from != null) {
                ((DatagramHandler) key.attachment()).received(buffer.flip(), from, System.nanoTime());
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
