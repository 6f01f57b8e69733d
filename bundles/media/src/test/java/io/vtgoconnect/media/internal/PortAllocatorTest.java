package io.vtgoconnect.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ranges lie below the kernel's ephemeral ports (32768 and up on Linux), which any socket bound
 * to port 0 on the machine may hold: the ports each test expects are then the ones it leaves free.
 */
class PortAllocatorTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PortAllocator allocator = new PortAllocator();

    @Test
    void bindsAnEvenRtpPortWithRtcpAboveItOnTheGivenAddress() throws IOException {
        PortAllocator.ChannelPair pair = allocator.bind(LOOPBACK, 23001, 23011);
        try (DatagramChannel rtp = pair.rtp(); DatagramChannel rtcp = pair.rtcp()) {
            InetSocketAddress rtpAddress = (InetSocketAddress) rtp.getLocalAddress();
            assertEquals(LOOPBACK, rtpAddress.getAddress());
            assertEquals(23002, rtpAddress.getPort());
            assertEquals(23003, ((InetSocketAddress) rtcp.getLocalAddress()).getPort());
        }
    }

    @Test
    void skipsAPairWhoseRtcpPortIsTakenAndMovesOnForTheNextCall() throws IOException {
        try (DatagramChannel squatter = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 23021));
                Pair first = new Pair(allocator.bind(LOOPBACK, 23020, 23027));
                Pair second = new Pair(allocator.bind(LOOPBACK, 23020, 23027))) {
            assertEquals(23022, first.rtpPort());
            assertEquals(23024, second.rtpPort());
        }
    }

    @Test
    void findsAFreePairBehindManyThatAnotherAllocatorHolds() throws IOException {
        // The phones of a farm share a range, each with its own allocator.
        PortAllocator otherPhone = new PortAllocator();
        List<Pair> held = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                held.add(new Pair(otherPhone.bind(LOOPBACK, 23100, 23199)));
            }
            try (Pair mine = new Pair(allocator.bind(LOOPBACK, 23100, 23199))) {
                assertEquals(23180, mine.rtpPort());
            }
        } finally {
            for (Pair pair : held) {
                pair.close();
            }
        }
    }

    @Test
    void failsWhenEveryPairIsTaken() throws IOException {
        try (Pair only = new Pair(allocator.bind(LOOPBACK, 23030, 23031))) {
            assertThrows(BindException.class, () -> allocator.bind(LOOPBACK, 23030, 23031));
        }
    }

    @Test
    void aReleasedPairIsTakenAgainOnlyAfterTheOtherFreePairs() throws IOException {
        PortAllocator.ChannelPair first = allocator.bind(LOOPBACK, 23060, 23065);
        new Pair(first).close();
        allocator.release(first);
        try (Pair second = new Pair(allocator.bind(LOOPBACK, 23060, 23065));
                Pair third = new Pair(allocator.bind(LOOPBACK, 23060, 23065));
                Pair fourth = new Pair(allocator.bind(LOOPBACK, 23060, 23065))) {
            assertEquals(23060, first.port());
            assertEquals(23062, second.rtpPort());
            assertEquals(23064, third.rtpPort());
            assertEquals(23060, fourth.rtpPort());
            assertEquals(0, allocator.freePairs(LOOPBACK, 23060, 23065));
        }
    }

    @Test
    void aFullRangeRefusesAndSaysNoPairIsFree() throws IOException {
        try (Pair only = new Pair(allocator.bind(LOOPBACK, 23070, 23071))) {
            assertThrows(BindException.class, () -> allocator.bind(LOOPBACK, 23070, 23071));
            assertEquals(0, allocator.freePairs(LOOPBACK, 23070, 23071));
        }
    }

    @Test
    void aPairThatFailsToBindForAnotherReasonThanBeingTakenStaysFree() throws IOException {
        // 65534 and 65535 are a pair; 65536 is no port: binding it fails, and not as a port taken.
        try (Pair last = new Pair(allocator.bind(LOOPBACK, 65534, 65537))) {
            assertEquals(65534, last.rtpPort());
            assertThrows(IllegalArgumentException.class, () -> allocator.bind(LOOPBACK, 65534, 65537));
            assertEquals(1, allocator.freePairs(LOOPBACK, 65534, 65537));
        }
    }

    @Test
    void refusesAnAddressThatIsNotLocal() {
        assertThrows(BindException.class, () -> allocator.bind(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}),
                23040, 23050));
    }

    /** A pair closed by try-with-resources. */
    private record Pair(PortAllocator.ChannelPair channels) implements AutoCloseable {
        int rtpPort() throws IOException {
            return ((InetSocketAddress) channels.rtp().getLocalAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            channels.rtp().close();
            channels.rtcp().close();
        }
    }
}
