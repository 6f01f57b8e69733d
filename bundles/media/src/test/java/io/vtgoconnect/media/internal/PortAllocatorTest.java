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

class PortAllocatorTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PortAllocator allocator = new PortAllocator();

    @Test
    void bindsAnEvenRtpPortWithRtcpAboveItOnTheGivenAddress() throws IOException {
        PortAllocator.ChannelPair pair = allocator.bind(LOOPBACK, 33001, 33011);
        try (DatagramChannel rtp = pair.rtp(); DatagramChannel rtcp = pair.rtcp()) {
            InetSocketAddress rtpAddress = (InetSocketAddress) rtp.getLocalAddress();
            assertEquals(LOOPBACK, rtpAddress.getAddress());
            assertEquals(33002, rtpAddress.getPort());
            assertEquals(33003, ((InetSocketAddress) rtcp.getLocalAddress()).getPort());
        }
    }

    @Test
    void skipsAPairWhoseRtcpPortIsTakenAndMovesOnForTheNextCall() throws IOException {
        try (DatagramChannel squatter = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 33021));
                Pair first = new Pair(allocator.bind(LOOPBACK, 33020, 33027));
                Pair second = new Pair(allocator.bind(LOOPBACK, 33020, 33027))) {
            assertEquals(33022, first.rtpPort());
            assertEquals(33024, second.rtpPort());
        }
    }

    @Test
    void findsAFreePairBehindManyThatAnotherAllocatorHolds() throws IOException {
        // The phones of a farm share a range, each with its own allocator.
        PortAllocator otherPhone = new PortAllocator();
        List<Pair> held = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                held.add(new Pair(otherPhone.bind(LOOPBACK, 33100, 33199)));
            }
            try (Pair mine = new Pair(allocator.bind(LOOPBACK, 33100, 33199))) {
                assertEquals(33180, mine.rtpPort());
            }
        } finally {
            for (Pair pair : held) {
                pair.close();
            }
        }
    }

    @Test
    void failsWhenEveryPairIsTaken() throws IOException {
        try (Pair only = new Pair(allocator.bind(LOOPBACK, 33030, 33031))) {
            assertThrows(BindException.class, () -> allocator.bind(LOOPBACK, 33030, 33031));
        }
    }

    @Test
    void aReleasedPairIsTakenAgainOnlyAfterTheOtherFreePairs() throws IOException {
        PortAllocator.ChannelPair first = allocator.bind(LOOPBACK, 33060, 33065);
        new Pair(first).close();
        allocator.release(first);
        try (Pair second = new Pair(allocator.bind(LOOPBACK, 33060, 33065));
                Pair third = new Pair(allocator.bind(LOOPBACK, 33060, 33065));
                Pair fourth = new Pair(allocator.bind(LOOPBACK, 33060, 33065))) {
            assertEquals(33060, first.port());
            assertEquals(33062, second.rtpPort());
            assertEquals(33064, third.rtpPort());
            assertEquals(33060, fourth.rtpPort());
            assertEquals(0, allocator.freePairs(LOOPBACK, 33060, 33065));
        }
    }

    @Test
    void aFullRangeRefusesAndSaysNoPairIsFree() throws IOException {
        try (Pair only = new Pair(allocator.bind(LOOPBACK, 33070, 33071))) {
            assertThrows(BindException.class, () -> allocator.bind(LOOPBACK, 33070, 33071));
            assertEquals(0, allocator.freePairs(LOOPBACK, 33070, 33071));
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
                33040, 33050));
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
