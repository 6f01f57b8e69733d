package io.vtgoconnect.sipstack;

import io.vtgoconnect.testing.peers.FreePorts;
import java.util.Map;
import java.util.Optional;
import javax.sip.SipListener;

/** An endpoint on a free loopback port, with a bounded UDP intake of 100, and a raw UDP peer that talks to it. */
record LoopbackEndpoint(SipEndpoint endpoint, UdpPeer peer, int port) implements AutoCloseable {
    static LoopbackEndpoint open(SipListener listener) throws Exception {
        int port = FreePorts.udpAndTcp();
        SipEndpoint endpoint = SipEndpoint.open(new HostPort("127.0.0.1", port), listener, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES,
                100, Map.of(), Optional.empty(), TcpLimits.DEFAULT);
        return new LoopbackEndpoint(endpoint, new UdpPeer(port), port);
    }

    @Override
    public void close() {
        peer.close();
        endpoint.close();
    }
}
