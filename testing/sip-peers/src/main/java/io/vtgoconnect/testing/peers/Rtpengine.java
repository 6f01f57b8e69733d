package io.vtgoconnect.testing.peers;

import java.util.List;

/**
 * Debian's rtpengine daemon forwarding media in userspace (no kernel table), on loopback: Kamailio's
 * rtpengine module controls it over the NG protocol on {@link #controlPort}; the media of its
 * calls takes ports {@code firstPort} to {@code lastPort}.
 */
public final class Rtpengine implements AutoCloseable {
    public final int controlPort;
    private final PeerProcess process;

    public Rtpengine(int controlPort, int firstPort, int lastPort, int threads) {
        this.controlPort = controlPort;
        process = new PeerProcess("rtpengine", List.of(PeerProcess.binary("rtpengine", "rtpengine-daemon"), "--foreground",
                "--log-stderr", "--log-level=3", "--table=-1", "--interface=127.0.0.1", "--listen-ng=127.0.0.1:" + controlPort,
                "--port-min=" + firstPort, "--port-max=" + lastPort, "--num-threads=" + threads, "--delete-delay=0"));
        process.awaitReady("rtpengine", () -> FreePorts.isBound(controlPort));
    }

    /** The CPU time so far, in ns, of the daemon. */
    public long cpuNanos() {
        return process.cpuNanos();
    }

    @Override
    public void close() {
        process.close();
    }
}
