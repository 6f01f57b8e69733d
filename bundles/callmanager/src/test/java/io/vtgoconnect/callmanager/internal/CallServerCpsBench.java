package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: full calls per second (INVITE, 180, 200, ACK, BYE 300 ms later) from a
 * SIPp UAC through a server to a SIPp UAS, for our embedded call server (a back-to-back user agent
 * that anchors the media: two RTP sessions per call; the UAS is its line 2009, registered by a
 * SIPp REGISTER with digest) and for Kamailio 5.6 as a stateful proxy (numbers starting with 9 go
 * to the UAS), in the same run, one after the other, with the same UAS. For each, the rate goes up
 * step by step until a call fails; it prints each step, the highest rate with no failed call, the
 * ratio ours/Kamailio and the CPU per call (the server's process CPU time / calls: the whole JVM
 * for ours, every Kamailio process for Kamailio). Run it with {@code bench/call-server-cps.sh}.
 *
 * <p>Arguments: {@code [--seconds S] [--rates R1,R2,...]}: S seconds per rate (5, at most 10), the
 * rates tried in calls per second (50,100,150,200,250,300,350,400,500,600,800,1000,1500,2000).
 */
public final class CallServerCpsBench {
    private static final String UAS_LINE = "2009";
    /** Kamailio sends numbers starting with 9 to the UAS. */
    private static final String KAMAILIO_UAS_NUMBER = "9001";
    private static final int WARMUP_RATE = 100;
    private static final int WARMUP_SECONDS = 10;
    private static final Pattern SUCCESSFUL = Pattern.compile("(?m)^\\s*Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^\\s*Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    private CallServerCpsBench() {
    }

    /**
     * What one rate gave: calls that succeeded and failed, the server's CPU time meanwhile, and how
     * busy the SIPp UAS was (near 100 %, it is SIPp that limits the rate).
     */
    record Step(int rate, long successful, long failed, boolean finished, long cpuNanos, double uasCpuPercent) {
        boolean passed() {
            return finished && failed == 0 && successful > 0;
        }

        double cpuMillisPerCall() {
            return successful == 0 ? 0 : cpuNanos / 1e6 / successful;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int[] rates = {50, 100, 150, 200, 250, 300, 350, 400, 500, 600, 800, 1000, 1500, 2000};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Math.min(10, Integer.parseInt(args[++i]));
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use [--seconds S] [--rates R1,R2,...]");
            }
        }
        System.out.printf(Locale.ROOT, "Full calls per second (INVITE, 180, 200, ACK, BYE after 300 ms), SIPp UAC -> server -> "
                + "SIPp UAS on loopback, %d s per rate (Java %s, %d processors, load average %s)%n", seconds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf(Locale.ROOT, "%-36s %6s %9s %7s %12s %10s%n", "server", "cps", "calls ok", "failed", "CPU ms/call",
                "UAS CPU %");
        int uasPort = FreePorts.udpAndTcp();
        List<Step> ours;
        List<Step> theirs;
        try (PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(), "uas-answer", false)) {
            // The UAS's line is public: SIPp's UAC calls as no line, without the challenge Kamailio does not make either.
            try (EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"},
                    "public_numbers", new String[] {UAS_LINE})) {
                Sipp.register(server.sipPort, UAS_LINE, EmbeddedServer.password(UAS_LINE), "127.0.0.1:" + uasPort, 3600);
                ours = ladder("embedded call server (B2BUA, media)", server.sipPort, UAS_LINE, seconds, rates,
                        CallServerCpsBench::jvmCpuNanos);
            }
            try (Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5")) {
                theirs = ladder("Kamailio 5.6 (stateful proxy)", kamailio.port, KAMAILIO_UAS_NUMBER, seconds, rates,
                        () -> PeerProcess.cpuNanosOf("kamailio"));
            }
        }
        report(ours, theirs);
    }

    /** Runs the rates in turn, after a warm-up, until one has a failed call. @return the steps run */
    private static List<Step> ladder(String name, int serverPort, String number, int seconds, int[] rates,
            LongSupplier cpuNanos) throws IOException {
        step(serverPort, number, WARMUP_RATE, WARMUP_SECONDS, cpuNanos);
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            Step step = step(serverPort, number, rate, seconds, cpuNanos);
            steps.add(step);
            System.out.printf(Locale.ROOT, "%-36s %6d %9d %7d %12.3f %10.0f%s%n", name, rate, step.successful(), step.failed(),
                    step.cpuMillisPerCall(), step.uasCpuPercent(), step.finished() ? "" : "  (SIPp did not finish in time)");
            if (!step.passed()) {
                break;
            }
        }
        return steps;
    }

    /** rate × seconds calls from a SIPp UAC at the rate, to the number through the server. */
    private static Step step(int serverPort, String number, int rate, int seconds, LongSupplier cpuNanos) throws IOException {
        long cpuBefore = cpuNanos.getAsLong();
        // Only the UAS runs between steps: the UAC of a step is gone before and after it.
        long uasBefore = PeerProcess.cpuNanosOf("sipp");
        long start = System.nanoTime();
        PeerProcess uac = new PeerProcess("sipp-uac-" + rate, List.of(PeerProcess.binary("sipp", "sip-tester"), "-sf",
                Sipp.scenarioFile("uac-call").toString(), "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()),
                "-mp", Integer.toString(FreePorts.udpAndTcp()), "-s", number, "-r", Integer.toString(rate), "-rp", "1000",
                "-m", Integer.toString(rate * seconds), "-nostdin", "-timeout", (seconds + 12) + "s",
                "127.0.0.1:" + serverPort));
        boolean finished;
        try {
            uac.awaitSuccess("SIPp UAC at " + rate + " cps");
            finished = true;
        } catch (AssertionError failedOrLate) {
            finished = false;
        } finally {
            uac.close();
        }
        long cpu = cpuNanos.getAsLong() - cpuBefore;
        double uasPercent = 100.0 * (PeerProcess.cpuNanosOf("sipp") - uasBefore) / (System.nanoTime() - start);
        String screen = Files.readString(uac.log());
        return new Step(rate, last(SUCCESSFUL, screen), last(FAILED, screen), finished, cpu, uasPercent);
    }

    private static long last(Pattern counter, String screen) {
        Matcher matcher = counter.matcher(screen);
        long value = 0;
        while (matcher.find()) {
            value = Long.parseLong(matcher.group(1));
        }
        return value;
    }

    private static long jvmCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void report(List<Step> ours, List<Step> theirs) {
        Step bestOurs = best(ours);
        Step bestTheirs = best(theirs);
        System.out.printf(Locale.ROOT, "Highest rate with no failed call: ours %d cps, Kamailio %d cps%s; ratio ours/Kamailio %.2f%n",
                bestOurs.rate(), bestTheirs.rate(), bestTheirs == theirs.get(theirs.size() - 1) && bestTheirs.passed()
                        ? " (the highest rate tried: Kamailio's limit is higher)" : "",
                bestTheirs.rate() == 0 ? 0 : (double) bestOurs.rate() / bestTheirs.rate());
        System.out.printf(Locale.ROOT, "CPU per call at those rates: ours %.3f ms (JVM process), Kamailio %.3f ms (all its "
                + "processes); ratio %.1f (load average now %s)%n", bestOurs.cpuMillisPerCall(), bestTheirs.cpuMillisPerCall(),
                bestTheirs.cpuMillisPerCall() == 0 ? 0 : bestOurs.cpuMillisPerCall() / bestTheirs.cpuMillisPerCall(), loadAverage());
    }

    /** The step of the highest rate with no failed call, or a step of rate 0 if none passed. */
    private static Step best(List<Step> steps) {
        return steps.stream().filter(Step::passed).reduce((a, b) -> b).orElse(new Step(0, 0, 0, true, 0, 0));
    }
}
