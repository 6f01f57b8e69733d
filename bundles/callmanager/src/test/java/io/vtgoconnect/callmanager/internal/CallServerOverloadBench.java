package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.testing.peers.SippScreen;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test: the call server offered more calls than it can take. A SIPp UAC offers
 * full calls (held 300 ms; a 503 is acknowledged and ends the call) at each multiple of
 * {@code --capacity} for {@code --seconds} (after a warm-up of 10 s at 100 calls/s, as the capacity bench
 * has), to a SIPp UAS registered as a line; the server runs in a JVM
 * of its own with ./vtgoconnect's flags and 192 MB heap. For each load it prints the calls
 * offered in the flood's lowest second (the UAC's count: what the rig gave), the calls put through
 * to the callee in its lowest second (the UAS's count of INVITEs: what the server admitted), the calls
 * completed per second (the UAS's count, second by second: the lowest second, the lowest three seconds running
 * and the mean),
 * the 503s the server sent, the calls that failed (INVITEs that got no answer, or calls that
 * broke), the datagrams the server's UDP intake dropped unread (their senders sent them again),
 * the server's peak RSS and what made it up as the flood ended (the heap the JVM had committed; the memory
 * no file backs, that heap and the JVM's own, and the memory files back, its libraries and class-data
 * archive), and the times from the end of the flood until the server answers an
 * OPTIONS and until a normal call (one that takes no 503) goes through, and the server's CPU time
 * during the flood for each call completed (what refusing costs shows there, whatever the
 * machine's other load) and the bytes it allocated for each call completed, and the share of the
 * flood's time the server's garbage collections paused it, with how many of them collected the whole heap (a flood's calls that outlive a young
 * collection fill the old generation, and the serial collector stops every thread to empty it), and the heap the
 * flood's calls still hold live as it ends, for each call completed (what each keeps for its retransmissions,
 * up to 32 s: the more, the sooner the old generation fills; measured by a collection of the whole heap
 * before and after the flood), and the rig's CPU meanwhile, in % of one processor (both SIPps and this harness,
 * with the kernel's loopback work charged to them; more calls offered cost it more, and on shared processors the
 * server has the less), and the time the machine's host took its processors away (steal, in % of
 * one processor: on a virtual machine, what neither the server nor the rig had, whatever they needed).
 *
 * <p>Arguments: {@code [--capacity C] [--loads 2,4] [--seconds S] [--cpus LIST] [--rig-cpus LIST] [--calls-per-second N]
 * [--refusal-cost]}: our capacity in calls per second (as bench/call-server-cps.sh measured it, best with steps as
 * long as the flood; 200 unless told), the multiples of it offered, the seconds of each flood (30), the server's
 * processors (all), the rig's (all; {@code --cpus 0 --rig-cpus 1} keeps the two apart, and measures the server's own
 * overload control on its one core), the server's overload.calls.per.second (none);
 * {@code --refusal-cost} instead measures the server's CPU for each new call it refuses, at twice the capacity. Run it with
 * {@code bench/call-server-overload.sh}.
 */
public final class CallServerOverloadBench {
    private static final String UAS_LINE = "2009";
    private static final int HOLD_MS = 300;
    private static final int WARMUP_RATE = 100;
    private static final int WARMUP_SECONDS = 10;
    private static final long RECOVERY_LIMIT_NANOS = 120_000_000_000L;
    /** The columns of SIPp's statistics file: calls that ended well in the period, calls started in it, and calls that arrived in it. */
    private static final String COMPLETED = "SuccessfulCall(P)";
    private static final String OFFERED = "OutgoingCall(P)";
    private static final String ARRIVED = "IncomingCall(P)";

    private CallServerOverloadBench() {
    }

    public static void main(String[] args) throws Exception {
        int capacity = 200;
        int seconds = 30;
        String cpus = null;
        String rigCpus = null;
        int[] loads = {2, 4};
        boolean refusalCost = false;
        int callsPerSecond = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--capacity" -> capacity = Integer.parseInt(args[++i]);
                case "--loads" -> loads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--cpus" -> cpus = args[++i];
                case "--rig-cpus" -> rigCpus = args[++i];
                case "--refusal-cost" -> refusalCost = true;
                case "--calls-per-second" -> callsPerSecond = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use [--capacity C] [--loads 2,4]"
                        + " [--seconds S] [--cpus LIST] [--rig-cpus LIST] [--calls-per-second N] [--refusal-cost]");
            }
        }
        if (rigCpus != null) {
            CallServerCpsBench.Bench.pinRig(rigCpus);
        }
        if (refusalCost) {
            refusalCost(capacity * 2, seconds, cpus);
            return;
        }
        System.out.printf(Locale.ROOT, "Offered load past the call server's capacity of %d cps (full calls held %d ms, a 503 "
                + "acknowledged), %d s each, %s, the server with %s%s (load average %s)%n", capacity, HOLD_MS, seconds,
                CallServerCpsBench.Bench.placement(cpus, rigCpus), String.join(" ", CallServerProcess.LAUNCHER_FLAGS),
                callsPerSecond > 0 ? " and overload.calls.per.second " + callsPerSecond : "",
                CallServerCpsBench.Bench.loadAverage());
        System.out.printf(Locale.ROOT, "%8s %8s %16s %20s %18s %14s %18s %9s %12s %14s %12s %8s %14s %10s %12s %14s %14s %10s"
                + " %9s %13s %9s %9s%n", "load", "offered", "offered/s lowest", "put through/s lowest", "completed/s lowest",
                "lowest 3 s", "completed/s mean",
                "503 sent", "calls failed", "dropped unread", "peak RSS MB", "heap MB", "anon/file MB", "OPTIONS s", "next call s",
                "CPU ms/call", "alloc KB/call", "GC paused", "full GCs", "live KB/call", "rig CPU%", "stolen %");
        for (int load : loads) {
            flood(capacity, load, seconds, cpus, callsPerSecond);
        }
        System.out.println("(put through/s: calls the UAS received, second by second; completed/s: calls the UAS saw end"
                + " with BYE, second by second, and the lowest mean of three seconds running; target: at least 90 % of capacity;"
                + " calls failed: target under 1 % of those offered; load average now " + CallServerCpsBench.Bench.loadAverage() + ")");
    }

    /** One flood at load × capacity, on a server of its own (with overload.calls.per.second, unless 0). */
    private static void flood(int capacity, int load, int seconds, String cpus, int callsPerSecond) throws Exception {
        int uasPort = FreePorts.udpAndTcp();
        Path stats = PeerProcess.OUTPUT.resolve("uas-stats-" + load + "x.csv");
        Files.deleteIfExists(stats);
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(4), "uas-answer", false, "-trace_stat",
                "-stf", stats.toString(), "-fd", "1");
                CallServerProcess server = CallServerProcess.start(cpus, "digest_algorithms=MD5", "public_numbers=" + UAS_LINE,
                        "overload_calls_per_second=" + callsPerSecond)) {
            Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 3600);
            // As the capacity bench does: a server warmed up first, as one that has served for a while is.
            CallServerCpsBench.Bench.finished(calls(server, "warm-up-" + load + "x", WARMUP_RATE, WARMUP_SECONDS),
                    "SIPp warm-up at " + WARMUP_RATE + " cps", WARMUP_SECONDS + 40);
            int warmUpSeconds = completedPerSecond(stats).size();
            int rate = capacity * load;
            long liveBefore = server.liveBytes();
            long cpuBefore = server.cpuNanos();
            long allocatedBefore = server.allocatedBytes();
            long gcBefore = server.gcMillis();
            long fullBefore = server.fullCollections();
            // The warm-up's own refusals (a rate set below it) are not the flood's.
            long refusedBefore = server.refused();
            long rigBefore = CallServerCpsBench.Bench.rigCpuNanos();
            long stolenBefore = CallServerCpsBench.Bench.machineStolenNanos();
            long floodStart = System.nanoTime();
            long floodStartMillis = System.currentTimeMillis();
            long offered = (long) rate * seconds;
            Path offeredStats = PeerProcess.OUTPUT.resolve("uac-stats-" + load + "x.csv");
            Files.deleteIfExists(offeredStats);
            PeerProcess uac = calls(server, "flood-" + load + "x", rate, seconds, "-trace_stat", "-stf", offeredStats.toString(),
                    "-fd", "1");
            CallServerCpsBench.Bench.finished(uac, "SIPp flood at " + rate + " cps", seconds + 40);
            long cpu = server.cpuNanos() - cpuBefore;
            long floodNanos = System.nanoTime() - floodStart;
            double rigPercent = 100.0 * (CallServerCpsBench.Bench.rigCpuNanos() - rigBefore) / floodNanos;
            double stolenPercent = 100.0 * (CallServerCpsBench.Bench.machineStolenNanos() - stolenBefore) / floodNanos;
            // What the peak was made of, read before the collections below can give back any of it.
            long heapMib = server.heapCommittedBytes() >> 20;
            String anonAndFile = (server.anonymousRssKib() >> 10) + "/" + (server.fileRssKib() >> 10);
            double gcShare = (server.gcMillis() - gcBefore) * 1e6 / floodNanos;
            long fullCollections = server.fullCollections() - fullBefore;
            long allocated = server.allocatedBytes() - allocatedBefore;
            long live = server.liveBytes() - liveBefore;
            double options = secondsToAnsweredOptions(server.sipPort);
            double nextCall = secondsToANormalCall(server.sipPort);
            SippScreen screen = SippScreen.of(uac.log());
            long refused = server.refused() - refusedBefore;
            List<Long> all = completedPerSecond(stats);
            List<Long> perSecond = all.subList(Math.min(warmUpSeconds, all.size()), all.size());
            long fromMillis = floodStartMillis + 1000;
            long toMillis = floodStartMillis + seconds * 1000L;
            List<Long> inFlood = countsWithin(stats, COMPLETED, fromMillis, toMillis);
            // The rig's side: a second short of calls offered is one short of calls completed too.
            long offeredLowest = lowest(countsWithin(offeredStats, OFFERED, fromMillis, toMillis));
            long completed = perSecond.stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "%7dx %8d %16d %20d %18d %14.0f %18.0f %9d %12d %14d %12.0f %8d %14s %10s %12s %14.2f"
                    + " %14.0f %9.0f%% %9d %13.2f %9.0f %9.1f%n", load, offered, offeredLowest,
                    lowest(countsWithin(stats, ARRIVED, fromMillis, toMillis)), lowest(inFlood), lowestOfThree(inFlood),
                    inFlood.stream().mapToLong(Long::longValue).average().orElse(0), refused,
                    screen.failed() + (offered - screen.successful() - screen.failed()), server.dropped(),
                    server.peakRssKib() / 1024.0, heapMib, anonAndFile, seconds(options), seconds(nextCall), cpu / 1e6 / Math.max(1, completed),
                    allocated / 1024.0 / Math.max(1, completed), 100 * gcShare, fullCollections,
                    live / 1024.0 / Math.max(1, completed), rigPercent, stolenPercent);
        }
    }

    /**
     * What refusing costs: new calls offered at the rate for the seconds to a server that refuses
     * every one (overload.queue 0), after as long a warm-up at that rate; prints the server's CPU
     * time for each INVITE it refused (retransmissions included, as each costs the same).
     */
    private static void refusalCost(int rate, int seconds, String cpus) throws Exception {
        try (CallServerProcess server = CallServerProcess.start(cpus, "digest_algorithms=MD5", "public_numbers=" + UAS_LINE,
                "overload_queue=0")) {
            CallServerCpsBench.Bench.finished(calls(server, "refused-warm-up", rate, seconds), "SIPp warm-up", seconds + 40);
            long refusedBefore = server.refused();
            long cpuBefore = server.cpuNanos();
            CallServerCpsBench.Bench.finished(calls(server, "refused", rate, seconds), "SIPp calls all refused", seconds + 40);
            long cpu = server.cpuNanos() - cpuBefore;
            long refused = server.refused() - refusedBefore;
            System.out.printf(Locale.ROOT, "Refusal cost: %d new calls offered at %d cps for %d s to a server that refuses all "
                    + "(overload.queue 0), server on %s: %d INVITEs refused, %.1f µs of CPU each (load average %s)%n",
                    (long) rate * seconds, rate, seconds, cpus == null ? "all processors" : "processors " + cpus, refused,
                    cpu / 1e3 / Math.max(1, refused), CallServerCpsBench.Bench.loadAverage());
        }
    }

    /**
     * SIPp offering full calls (a 503 acknowledged) at the rate for the seconds; {@code options}: SIPp's, added
     * (a statistics file, say).
     */
    private static PeerProcess calls(CallServerProcess server, String name, int rate, int seconds, String... options)
            throws IOException {
        return Sipp.uacForCalls(name, Sipp.scenarioFile("uac-call-or-503", "HOLD_MS", Integer.toString(HOLD_MS)), server.sipPort,
                FreePorts.udpAndTcp(4), UAS_LINE, rate, (long) rate * seconds, seconds + 40, options);
    }

    private static String seconds(double measured) {
        return measured < 0 ? "none in 120 s" : String.format(Locale.ROOT, "%.2f", measured);
    }

    /** Seconds from now until the server answers an OPTIONS (sent again every 100 ms); -1 if it does not. */
    private static double secondsToAnsweredOptions(int serverPort) throws IOException {
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(100);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", serverPort);
            byte[] buffer = new byte[65536];
            for (int attempt = 0; System.nanoTime() - start < RECOVERY_LIMIT_NANOS; attempt++) {
                String branch = "z9hG4bK-recovery-" + attempt;
                byte[] options = ("OPTIONS sip:127.0.0.1:" + serverPort + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                        + socket.getLocalPort() + ";branch=" + branch + "\r\nFrom: <sip:bench@127.0.0.1>;tag=1\r\n"
                        + "To: <sip:127.0.0.1>\r\nCall-ID: recovery-" + attempt + "\r\nCSeq: 1 OPTIONS\r\n"
                        + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(options, options.length, server));
                try {
                    while (true) {
                        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                        socket.receive(answer);
                        if (new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
                            return (System.nanoTime() - start) / 1e9;
                        }
                    }
                } catch (SocketTimeoutException unanswered) {
                    // Sent again.
                }
            }
        }
        return -1;
    }

    /** Seconds from now until one call through the server goes through without a 503 (tried again every 100 ms); -1 if none does. */
    private static double secondsToANormalCall(int serverPort) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < RECOVERY_LIMIT_NANOS) {
            try (Sipp normal = Sipp.uac("uac-call", serverPort, UAS_LINE)) {
                normal.awaitSuccess();
                return (System.nanoTime() - start) / 1e9;
            } catch (AssertionError refusedOrLost) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        return -1;
    }

    /**
     * The column's count (the UAS's calls completed or arrived, the UAC's offered) in each period of a SIPp statistics
     * file (one a second) that lies wholly between the two times (epoch milliseconds): the flood's full
     * seconds, from a second after it began (its first calls had completed by then), so that no second
     * counts calls of the flood's start or of the warm-up before it.
     */
    private static List<Long> countsWithin(Path stats, String column, long fromMillis, long toMillis) throws IOException {
        List<String> lines = Files.readAllLines(stats);
        List<Long> counts = new ArrayList<>();
        if (lines.isEmpty()) {
            return counts;
        }
        List<String> columns = Arrays.asList(lines.get(0).split(";"));
        int counted = columns.indexOf(column);
        int periodStart = columns.indexOf("LastResetTime");
        int periodEnd = columns.indexOf("CurrentTime");
        if (Math.min(counted, Math.min(periodStart, periodEnd)) < 0) {
            return counts;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(";");
            if (fields.length > Math.max(counted, Math.max(periodStart, periodEnd))
                    && epochMillis(fields[periodStart]) >= fromMillis && epochMillis(fields[periodEnd]) <= toMillis) {
                counts.add(Long.parseLong(fields[counted].trim()));
            }
        }
        return counts;
    }

    /**
     * The lowest mean of three seconds running: a call that ends a few ms late counts in the next second, and
     * at the capacity itself, with no flood, seconds come in pairs such as 369 and 433.
     */
    private static double lowestOfThree(List<Long> perSecond) {
        if (perSecond.size() < 3) {
            return lowest(perSecond);
        }
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i + 3 <= perSecond.size(); i++) {
            lowest = Math.min(lowest, (perSecond.get(i) + perSecond.get(i + 1) + perSecond.get(i + 2)) / 3.0);
        }
        return lowest;
    }

    /** The lowest of the seconds' counts (0 for none). */
    private static long lowest(List<Long> perSecond) {
        return perSecond.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** A time of SIPp's statistics file: its date, time and epoch seconds, separated by tabs. */
    private static long epochMillis(String field) {
        String trimmed = field.trim();
        return Math.round(Double.parseDouble(trimmed.substring(trimmed.lastIndexOf('\t') + 1)) * 1000);
    }

    /** The UAS's successful calls in each period of its statistics file (one a second). */
    private static List<Long> completedPerSecond(Path stats) throws IOException {
        return countsWithin(stats, COMPLETED, Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
