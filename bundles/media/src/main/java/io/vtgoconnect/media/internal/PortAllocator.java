package io.vtgoconnect.media.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;

/**
 * Binds RTP/RTCP socket pairs: an even RTP port and the odd port above it (RFC 3550 section
 * 11), the first free pair in the range. The search starts after the last pair handed out, so
 * that consecutive calls do not probe the same busy ports, and wraps around the range.
 */
public final class PortAllocator {
    /** The two non-blocking sockets of one session. */
    public record ChannelPair(DatagramChannel rtp, DatagramChannel rtcp) {
    }

    private int nextPort;

    /** @throws BindException when the address is not local or every pair of the range is taken */
    public synchronized ChannelPair bind(InetAddress address, int minPort, int maxPort) throws IOException {
        if (!address.isAnyLocalAddress() && NetworkInterface.getByInetAddress(address) == null) {
            throw new BindException(address.getHostAddress() + " is not an address of this host");
        }
        int first = (minPort + 1) & ~1;
        int pairs = (maxPort - 1 - first) / 2 + 1;
        if (pairs <= 0) {
            throw new BindException("no even port with an odd one above it in " + minPort + "-" + maxPort);
        }
        int start = nextPort >= first && nextPort < first + 2 * pairs ? (nextPort - first) / 2 : 0;
        for (int i = 0; i < pairs; i++) {
            int port = first + 2 * ((start + i) % pairs);
            DatagramChannel rtp = tryBind(address, port);
            if (rtp == null) {
                continue;
            }
            DatagramChannel rtcp = tryBind(address, port + 1);
            if (rtcp == null) {
                rtp.close();
                continue;
            }
            nextPort = port + 2;
            return new ChannelPair(rtp, rtcp);
        }
        throw new BindException("no free RTP/RTCP port pair on " + address.getHostAddress() + " in " + minPort + "-"
                + maxPort);
    }

    private static DatagramChannel tryBind(InetAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(address, port));
            channel.configureBlocking(false);
            return channel;
        } catch (BindException e) {
            channel.close();
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
