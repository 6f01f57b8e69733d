package io.vtgoconnect.transport.sip.bench;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.PeerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What both SIP benchmarks share: a SIPp UAS for any number of calls, and percentiles. */
final class BenchSupport {
    private BenchSupport() {
    }

    /**
     * A SIPp UAS running a scenario of resources peers/ for every call that comes, echoing the RTP
     * it receives on {@code mediaPort}. Unlike {@code Sipp.uas} (one call, every message traced) it
     * traces errors only, so that thousands of calls do not fill the disk.
     */
    static PeerProcess sippUas(int port, int mediaPort, String scenario) throws IOException {
        Files.createDirectories(PeerProcess.OUTPUT);
        Path file = Files.createTempFile(PeerProcess.OUTPUT, scenario, ".xml");
        try (InputStream in = BenchSupport.class.getResourceAsStream("/peers/" + scenario + ".xml")) {
            Files.write(file, in.readAllBytes());
        }
        PeerProcess sipp = new PeerProcess("sipp-" + scenario, List.of(PeerProcess.binary("sipp", "sip-tester"), "-sf",
                file.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort),
                "-nostdin", "-trace_err", "-rtp_echo"));
        sipp.awaitReady("SIPp " + scenario, () -> FreePorts.isBound(port));
        return sipp;
    }

    /** The CPU time so far of the child process whose command is {@code name} (SIPp, baresip), in ns. */
    static long childCpuNanos(String name) {
        Optional<ProcessHandle> child = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + name)).orElse(false)).findFirst();
        return child.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1))];
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
