package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Rtpengine;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.testing.peers.SippScreen;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Benchmark, not a test: full calls with audio through three servers, in one run, with the same
 * SIPp scenarios. A SIPp UAC calls (INVITE, 180, 200, ACK), sends a PCMU stream for 300 ms from a
 * port of each call's own, and hangs up; a SIPp UAS answers and echoes the RTP it receives. The
 * servers: our embedded call server (a back-to-back user agent anchoring the media: two RTP
 * sessions per call; in a JVM of its own with ./vtgoconnect's flags, pinned with taskset to
 * {@code --cpus}; the UAS is its line 2009, public), Kamailio 5.6 as a stateful proxy (the media
 * goes end to end), and Kamailio with its rtpengine module and Debian's rtpengine daemon
 * forwarding the media in userspace (a fair anchor: it relays every packet as ours does). Kamailio
 * has two UDP workers, rtpengine two threads.
 *
 * <p>The servers run side by side, each idle while another is measured. For each: a warm-up, then the
 * CPU per call at {@code --fixed-rate} (a rate all three hold), then the rate rising step by step until
 * a call fails; with {@code --rounds N}, the fixed rate then comes N - 1 more times, to each server in
 * turn, so that the servers' CPU per call is compared minute by minute as the machine's pace drifts.
 * The table gives each step, and the summary the highest rate with no failed call and the median CPU
 * per call at the fixed rate (the server's processes' CPU time / calls: our JVM; Kamailio's processes,
 * and rtpengine's), with our server's to the anchor's in each round and their median. Our
 * server counts the RTP packets it relays: a step whose calls carry less than 90 % of the
 * warm-up's packets a call ends the ladder too, for past some rate SIPp, sharing the processors,
 * no longer plays each call's audio in full, and the server then passes lighter calls, not more.
 *
 * <p>Arguments: {@code [--seconds S] [--rates R1,R2,...] [--fixed-rate R] [--rounds N] [--cpus LIST] [--rig-cpus LIST]
 * [--servers ours,kamailio,rtpengine]}: S seconds per step (5), the rates tried, the fixed rate (100), its rounds (1), the
 * processors of our server (all), those of the rig (the SIPps and this harness, and Kamailio and rtpengine too,
 * so that it suits {@code --servers ours}; all), the servers run. Run it with {@code bench/call-server-cps.sh}.
 */
public final class CallServerCpsBench {
    private static final String UAS_LINE = "2009";
    /** Kamailio sends numbers starting with 9 to the UAS. */
    private static final String KAMAILIO_UAS_NUMBER = "9001";
    private static final int WARMUP_RATE = 100;
    private static final int WARMUP_SECONDS = 10;
    private static final int HOLD_MS = 300;
    /** Where SIPp's UAC takes each call's RTP port, upwards, and where the UAS echoes. */
    private static final int UAC_MEDIA_PORTS = 40000;
    private static final int UAS_MEDIA_PORT = 50000;
    private static final int RTPENGINE_FIRST_PORT = 30000;
    private static final int RTPENGINE_LAST_PORT = 39999;
    /** A step's calls carry their media in full when their RTP packets a call are at least this share of the warm-up's. */
    private static final double FULL_MEDIA = 0.9;

    private CallServerCpsBench() {
    }

    /**
     * What one rate gave: calls that succeeded and failed, the server's CPU time meanwhile, how busy
     * the rig was (the harness and the SIPps: {@link Bench#rigCpuNanos}), and the RTP packets the server
     * relayed (-1 when it does not count them).
     */
    record Step(int rate, long successful, long failed, boolean finished, long cpuNanos, double rigCpuPercent,
            long rtpPackets) {
        boolean passed() {
            return finished && failed == 0 && successful > 0;
        }

        double cpuMillisPerCall() {
            return successful == 0 ? 0 : cpuNanos / 1e6 / successful;
        }

        double rtpPacketsPerCall() {
            return rtpPackets < 0 || successful == 0 ? -1 : (double) rtpPackets / successful;
        }

        /**
         * Passed, with calls as full of media as the warm-up's: past some rate SIPp no longer plays each
         * call's audio in full, and the calls it then makes are lighter, not more.
         */
        boolean passedWithMediaOf(Step warmUp) {
            return passed() && (rtpPackets < 0 || rtpPacketsPerCall() >= FULL_MEDIA * warmUp.rtpPacketsPerCall());
        }
    }

    /**
     * A server under test: where it listens, the number that reaches the UAS, its CPU time, and the
     * RTP packets it sent (null when it does not count them).
     */
    record Target(String name, int port, String number, LongSupplier cpuNanos, LongSupplier rtpPackets) {
    }

    /** A server's warm-up, its steps at the fixed rate (one a round) and its ladder of rates. */
    record Result(String name, Step warmUp, List<Step> fixed, List<Step> ladder) {
        /** The median of its rounds' CPU per call at the fixed rate. */
        double fixedCpuMillisPerCall() {
            return median(fixed.stream().mapToDouble(Step::cpuMillisPerCall).toArray());
        }

        boolean fixedPassed() {
            return fixed.stream().allMatch(Step::passed);
        }

        Step best() {
            return ladder.stream().filter(step -> step.passedWithMediaOf(warmUp)).reduce((a, b) -> b)
                    .orElse(new Step(0, 0, 0, true, 0, 0, -1));
        }

        boolean limitAbove() {
            return !ladder.isEmpty() && ladder.get(ladder.size() - 1).passedWithMediaOf(warmUp);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int fixedRate = 100;
        int rounds = 1;
        String cpus = null;
        String rigCpus = null;
        List<String> servers = List.of("ours", "kamailio", "rtpengine");
        int[] rates = {100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--fixed-rate" -> fixedRate = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--cpus" -> cpus = args[++i];
                case "--rig-cpus" -> rigCpus = args[++i];
                case "--servers" -> servers = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--seconds S] [--rates R1,R2,...] [--fixed-rate R] [--rounds N] [--cpus LIST] [--rig-cpus LIST]"
                        + " [--servers ours,kamailio,rtpengine]");
            }
        }
        System.out.printf(Locale.ROOT, "Full calls per second with audio (INVITE, 180, 200, ACK, %d ms of PCMU from the caller, "
                + "echoed by the callee, BYE), SIPp UAC -> server -> SIPp UAS on loopback, %d s per step (%d processors, %s; "
                + "the server with %s; load average %s)%n", HOLD_MS, seconds, Runtime.getRuntime().availableProcessors(),
                Bench.placement(cpus, rigCpus), String.join(" ", CallServerProcess.LAUNCHER_FLAGS), Bench.loadAverage());
        System.out.printf(Locale.ROOT, "%-40s %6s %9s %7s %12s %9s %8s%n", "server", "cps", "calls ok", "failed", "CPU ms/call",
                "rig CPU%", "RTP/call");
        // After the heading, which counts the machine's processors.
        if (rigCpus != null) {
            Bench.pinRig(rigCpus);
        }
        Path wav = Bench.pcmuTone();
        int uasPort = FreePorts.udpAndTcp();
        List<AutoCloseable> running = new ArrayList<>();
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, UAS_MEDIA_PORT, "uas-answer", true)) {
            Map<String, Target> targets = new LinkedHashMap<>();
            for (String server : servers) {
                targets.put(server, start(server, cpus, uasPort, running));
            }
            Map<String, Result> results = new LinkedHashMap<>();
            for (Map.Entry<String, Target> server : targets.entrySet()) {
                results.put(server.getKey(), run(server.getValue(), wav, fixedRate, rates, seconds));
            }
            for (int round = 2; round <= rounds; round++) {
                for (Map.Entry<String, Target> server : targets.entrySet()) {
                    Step fixed = step(server.getValue(), wav, fixedRate, seconds);
                    Result result = results.get(server.getKey());
                    result.fixed().add(fixed);
                    print(server.getValue(), fixed, " (fixed rate, round " + round + ")", result.warmUp());
                }
            }
            report(results, fixedRate);
        } finally {
            Collections.reverse(running);
            for (AutoCloseable server : running) {
                server.close();
            }
        }
    }

    /** Starts the server, kept in {@code running} to be closed, and says how to reach and measure it. */
    private static Target start(String server, String cpus, int uasPort, List<AutoCloseable> running) throws IOException {
        switch (server) {
            case "ours" -> {
                CallServerProcess ours = started(CallServerProcess.start(cpus, "digest_algorithms=MD5", "public_numbers=" + UAS_LINE),
                        running);
                Sipp.register(ours.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 3600);
                return new Target("embedded call server (B2BUA, media)", ours.sipPort, UAS_LINE, ours::cpuNanos,
                        ours::rtpPacketsSent);
            }
            case "kamailio" -> {
                Kamailio kamailio = started(kamailio(uasPort, "", 0), running);
                return new Target("Kamailio 5.6 (stateful proxy)", kamailio.port, KAMAILIO_UAS_NUMBER, kamailio::cpuNanos, null);
            }
            case "rtpengine" -> {
                Rtpengine rtpengine = started(new Rtpengine(FreePorts.udpAndTcp(), RTPENGINE_FIRST_PORT, RTPENGINE_LAST_PORT, 2),
                        running);
                Kamailio kamailio = started(kamailio(uasPort, "#!define WITH_RTPENGINE", rtpengine.controlPort), running);
                return new Target("Kamailio 5.6 + rtpengine (userspace)", kamailio.port, KAMAILIO_UAS_NUMBER,
                        () -> kamailio.cpuNanos() + rtpengine.cpuNanos(), null);
            }
            default -> throw new IllegalArgumentException("unknown server " + server + "; use ours, kamailio, rtpengine");
        }
    }

    private static <T extends AutoCloseable> T started(T server, List<AutoCloseable> running) {
        running.add(server);
        return server;
    }

    private static Kamailio kamailio(int uasPort, String defines, int rtpengineControl) {
        return new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5", "/peers/kamailio-bench.cfg", Map.of("DEFINES", defines,
                "CHILDREN", "2", "NG", Integer.toString(rtpengineControl)));
    }

    /** A warm-up, the fixed rate, then the rates in turn until one has a failed call or calls short of media. */
    private static Result run(Target target, Path wav, int fixedRate, int[] rates, int seconds) throws IOException {
        Step warmUp = step(target, wav, WARMUP_RATE, WARMUP_SECONDS);
        print(target, warmUp, " (warm-up)", warmUp);
        Step fixed = step(target, wav, fixedRate, seconds);
        print(target, fixed, " (fixed rate)", warmUp);
        List<Step> ladder = new ArrayList<>();
        for (int rate : rates) {
            Step step = step(target, wav, rate, seconds);
            ladder.add(step);
            print(target, step, "", warmUp);
            if (!step.passedWithMediaOf(warmUp)) {
                break;
            }
        }
        return new Result(target.name(), warmUp, new ArrayList<>(List.of(fixed)), ladder);
    }

    private static void print(Target target, Step step, String note, Step warmUp) {
        System.out.printf(Locale.ROOT, "%-40s %6d %9d %7d %12.3f %9.0f %8s%s%s%s%n", target.name(), step.rate(),
                step.successful(), step.failed(), step.cpuMillisPerCall(), step.rigCpuPercent(),
                step.rtpPackets() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", step.rtpPacketsPerCall()), note,
                step.finished() ? "" : "  (SIPp did not finish in time)",
                step.passed() && !step.passedWithMediaOf(warmUp) ? "  (calls short of media)" : "");
    }

    /** rate × seconds calls from a SIPp UAC at the rate, to the number through the server. */
    private static Step step(Target target, Path wav, int rate, int seconds) throws IOException {
        long cpuBefore = target.cpuNanos().getAsLong();
        long rtpBefore = target.rtpPackets() == null ? 0 : target.rtpPackets().getAsLong();
        long rigBefore = Bench.rigCpuNanos();
        long start = System.nanoTime();
        PeerProcess uac = Sipp.uacForCalls("uac-" + rate, Sipp.scenarioFile("uac-call-rtp", "HOLD_MS", Integer.toString(HOLD_MS),
                "WAV", wav.toString()), target.port(), UAC_MEDIA_PORTS, target.number(), rate, (long) rate * seconds, seconds + 15);
        boolean finished = Bench.finished(uac, "SIPp UAC at " + rate + " cps", seconds + 15);
        long cpu = target.cpuNanos().getAsLong() - cpuBefore;
        double rigPercent = 100.0 * (Bench.rigCpuNanos() - rigBefore) / (System.nanoTime() - start);
        SippScreen screen = SippScreen.of(uac.log());
        long rtp = target.rtpPackets() == null ? -1 : target.rtpPackets().getAsLong() - rtpBefore;
        return new Step(rate, screen.successful(), screen.failed(), finished, cpu, rigPercent, rtp);
    }

    private static void report(Map<String, Result> results, int fixedRate) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %34s %28s%n", "server", "capacity (no failed call, full media)",
                "CPU ms/call at " + fixedRate + " cps");
        for (Result result : results.values()) {
            System.out.printf(Locale.ROOT, "%-40s %30d cps%s %24.3f%s%s%n", result.name(), result.best().rate(),
                    result.limitAbove() ? "+" : " ", result.fixedCpuMillisPerCall(),
                    result.fixed().size() > 1 ? " (median of " + result.fixed().size() + " rounds)" : "",
                    result.fixedPassed() ? "" : " (calls failed)");
        }
        Result ours = results.get("ours");
        Result anchor = results.get("rtpengine");
        if (ours != null && anchor != null && anchor.fixedCpuMillisPerCall() > 0 && anchor.best().rate() > 0) {
            double[] ratios = new double[ours.fixed().size()];
            for (int round = 0; round < ratios.length; round++) {
                ratios[round] = ours.fixed().get(round).cpuMillisPerCall() / anchor.fixed().get(round).cpuMillisPerCall();
            }
            System.out.printf(Locale.ROOT, "ours / Kamailio with rtpengine: capacity %.2f (target >= 1), CPU per call %.2f "
                    + "(target <= 1.5)%s%n", (double) ours.best().rate() / anchor.best().rate(), median(ratios),
                    ratios.length > 1 ? ", the median of the rounds' " + Arrays.stream(ratios)
                            .mapToObj(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).collect(Collectors.joining(", ")) : "");
        }
        System.out.println("(+: the highest rate tried; the limit is higher. Load average now " + Bench.loadAverage() + ")");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** What the call server's benchmarks share. */
    static final class Bench {
        /** The kernel's accounting tick for /proc's times (USER_HZ, 100 a second). */
        private static final long TICK_NANOS = 10_000_000L;

        private Bench() {
        }

        static String loadAverage() {
            try {
                String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
                return fields[0] + " " + fields[1] + " " + fields[2];
            } catch (IOException e) {
                return "unknown";
            }
        }

        /** Waits up to limitSeconds (its -timeout) for the SIPp run to end; @return whether it ended, successfully, in time */
        static boolean finished(PeerProcess sipp, String what, int limitSeconds) {
            try {
                sipp.awaitSuccess(what, java.time.Duration.ofSeconds(limitSeconds));
                return true;
            } catch (AssertionError failedOrLate) {
                return false;
            } finally {
                sipp.close();
            }
        }

        /**
         * The CPU time so far, in ns, of the rig: this harness and the SIPps it started, those still running
         * and those it has waited for (/proc/self/stat's own and children's time, in the kernel's ticks of
         * 10 ms), the kernel's loopback work charged to them included. The servers under test (our JVM,
         * Kamailio, rtpengine) are not in it while they run.
         */
        static long rigCpuNanos() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                // After the command's name in parentheses: state, then utime, stime, cutime, cstime at 11 to 14.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = 0;
                for (int field = 11; field <= 14; field++) {
                    ticks += Long.parseLong(fields[field]);
                }
                return ticks * TICK_NANOS + PeerProcess.cpuNanosOf("sipp");
            } catch (IOException | RuntimeException unreadable) {
                throw new IllegalStateException("/proc/self/stat cannot be read: " + unreadable.getMessage());
            }
        }

        /**
         * The time the machine's processors were stolen so far, in ns (/proc/stat's steal, in ticks of 10 ms):
         * a virtual machine's processors that its host gave to others while they had work, which no process of
         * its own is charged for.
         */
        static long machineStolenNanos() {
            try {
                return Long.parseLong(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+")[8]) * TICK_NANOS;
            } catch (IOException | RuntimeException unreadable) {
                throw new IllegalStateException("/proc/stat cannot be read: " + unreadable.getMessage());
            }
        }

        /**
         * Pins this harness's threads to the processors (taskset's list), and so the peers it starts from now
         * on, which inherit them: with the server pinned elsewhere (--cpus), neither takes the other's processors.
         */
        static void pinRig(String cpus) throws IOException, InterruptedException {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!taskset.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IllegalArgumentException("taskset could not pin the rig to processors " + cpus);
            }
        }

        /** Where the server and the rig run, for a bench's heading. */
        static String placement(String cpus, String rigCpus) {
            return "our server on " + (cpus == null ? "all processors" : "processors " + cpus) + ", the rig on "
                    + (rigCpus == null ? "all processors" : "processors " + rigCpus);
        }

        /** A second of a 1 kHz tone in PCMU, as a WAV file (format 7) that SIPp's rtp_stream plays. */
        static Path pcmuTone() throws IOException {
            byte[] samples = new byte[8000];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (byte) (i % 8 < 4 ? 0x9E : 0x1E);
            }
            ByteBuffer wav = ByteBuffer.allocate(46 + samples.length).order(ByteOrder.LITTLE_ENDIAN);
            wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(38 + samples.length)
                    .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(18).putShort((short) 7)
                    .putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8).putShort((short) 0)
                    .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples.length).put(samples);
            Path file = PeerProcess.OUTPUT.resolve("tone-pcmu.wav");
            Files.createDirectories(file.getParent());
            Files.write(file, wav.array());
            return file;
        }
    }
}
