package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Releasing sockets: the loop's thread closes them between two selections, then frees their
 * ports; the caller waits for that, or not when the loop releases in the background. The loop is
 * held busy in a handler, so that what the caller does meanwhile shows.
 */
class ReceiveLoopTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long TIMEOUT_SECONDS = 10;

    private final CountDownLatch handling = new CountDownLatch(1);
    private final CountDownLatch handlerMayReturn = new CountDownLatch(1);
    private ReceiveLoop loop;

    @AfterEach
    void stop() {
        handlerMayReturn.countDown();
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void releasingInTheBackgroundReturnsBeforeTheLoopClosesTheSockets() throws Exception {
        DatagramChannel released = busyLoop(true);
        int port = port(released);
        CountDownLatch portsFree = new CountDownLatch(1);

        // Well within the time a waiting release gives the loop before it gives up.
        assertTimeoutPreemptively(Duration.ofSeconds(ReceiveLoop.RELEASE_TIMEOUT_SECONDS - 1),
                () -> loop.release(portsFree::countDown, released), "release waited for the busy loop");

        assertTrue(released.isOpen(), "the loop, busy, has not closed the socket yet");
        assertEquals(1, portsFree.getCount(), "the ports are not free yet");
        handlerMayReturn.countDown();
        assertTrue(portsFree.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the ports are freed once the loop runs");
        assertFalse(released.isOpen());
        assertPortFree(port);
    }

    @Test
    void releasingReturnsOnceThePortsAreFree() throws Exception {
        DatagramChannel released = busyLoop(false);
        int port = port(released);
        CountDownLatch portsFree = new CountDownLatch(1);

        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> loop.release(portsFree::countDown, released));

        assertFalse(portsFree.await(200, TimeUnit.MILLISECONDS), "the loop, busy, has not freed the ports");
        assertFalse(release.isDone(), "release waits for the loop");
        handlerMayReturn.countDown();
        release.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(0, portsFree.getCount(), "the ports were freed before release returned");
        assertPortFree(port);
    }

    @Test
    void aReleaseAfterTheLoopStoppedStillClosesAndFrees() throws Exception {
        loop = new ReceiveLoop("test-receive", true);
        loop.start();
        DatagramChannel channel = bound();
        loop.register(channel, (datagram, from, arrival) -> {
        });
        int port = port(channel);
        loop.stop();
        CountDownLatch portsFree = new CountDownLatch(1);

        loop.release(portsFree::countDown, channel);

        assertEquals(0, portsFree.getCount());
        assertFalse(channel.isOpen());
        assertPortFree(port);
    }

    /** A started loop whose thread is held in a handler; returns another registered channel to release. */
    private DatagramChannel busyLoop(boolean inBackground) throws IOException, InterruptedException {
        loop = new ReceiveLoop("test-receive", inBackground);
        loop.start();
        DatagramChannel busy = bound();
        loop.register(busy, (datagram, from, arrival) -> {
            handling.countDown();
            try {
                handlerMayReturn.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DatagramChannel released = bound();
        loop.register(released, (datagram, from, arrival) -> {
        });
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.send(ByteBuffer.wrap(new byte[] {1}), busy.getLocalAddress());
        }
        assertTrue(handling.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the loop took the datagram");
        return released;
    }

    private static DatagramChannel bound() throws IOException {
        DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static int port(DatagramChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** The port can be bound again: the socket is gone, not only closed. */
    private static void assertPortFree(int port) throws IOException {
        try (DatagramChannel again = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, port))) {
            assertTrue(again.isOpen());
        }
    }
}
