package io.vtgoconnect.transport.sip.bench;

import static io.vtgoconnect.transport.sip.bench.BenchSupport.millis;
import static io.vtgoconnect.transport.sip.bench.BenchSupport.percentile;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.bench.IntervalRecorder;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.transport.sip.internal.BenchAccess;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test: one SipSoftphone (one line) holds N simultaneous G.711 calls through
 * Kamailio to a SIPp UAS (scenario uas-answer) that echoes their RTP. For a while it measures how
 * regularly each call sends: the interval between two reads of the call's audio source, which the
 * media bundle's 20 ms clock does right before it encodes and sends (as ConcurrentSessionsBench
 * does; the phone exposes no session, so {@link BenchAccess#media} reaches it). Prints the interval
 * percentiles, how long dialling the N calls one after the other took, the CPU of this process
 * and of SIPp (in % of one processor), how many calls sent and received in the window (from each
 * call's statistics), what they lost, and a control thread's p99 on the same 20 ms grid: the floor
 * the machine sets. Last, whether p99 <= 22 ms at the largest N. Run it with
 * {@code bench/concurrent-calls.sh}, on an otherwise idle machine.
 *
 * <p>Arguments: {@code [--seconds S] [--warmup S] [calls ...]}: 10 s after 3 s, for 100 250 500.
 */
public final class ConcurrentCallsBench {
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final long LATE_NANOS = 22 * NANOS_PER_MILLI;
    private static final String DESTINATION = "9006";

    private ConcurrentCallsBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmupSeconds = 3;
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                default -> counts.add(Integer.parseInt(args[i]));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 250, 500);
        }
        System.out.printf(Locale.ROOT, "One SipSoftphone, N G.711 calls through Kamailio to a SIPp UAS echoing RTP;"
                + " %d s measured after %d s (Java %s, %d processors)%n", seconds, warmupSeconds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%6s %7s %9s %7s %7s %8s %7s %8s %6s %7s %9s %6s %9s %6s %4s %8s%n", "calls",
                "dial s", "intervals", "p50 ms", "p99 ms", "p99.9 ms", "max ms", ">22ms %", "CPU %", "SIPp %", "both ways",
                "lost", "discarded", "jitter", "GCs", "ctl p99");
        int uasPort = FreePorts.udpAndTcp();
        double lastP99 = Double.NaN;
        try (Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");
                PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(4), "uas-answer", true)) {
            SoftphoneTransport phone = BenchAccess.phone(FreePorts.udpAndTcp(), 24000, 27999, "2001", kamailio.port);
            PhoneEvents events = new PhoneEvents();
            phone.start(events);
            try {
                events.awaitRegistered();
                for (int calls : counts) {
                    lastP99 = run(phone, events, calls, warmupSeconds, seconds);
                }
            } finally {
                phone.stop();
            }
        }
        int largest = counts.get(counts.size() - 1);
        System.out.printf(Locale.ROOT, "p99 send interval <= 22 ms at %d calls: %s (%.2f ms)%n", largest,
                lastP99 <= 22 ? "yes" : "NO", lastP99);
    }

    /** Holds {@code count} calls, measures them, hangs them up; returns the interval p99 in ms. */
    private static double run(SoftphoneTransport phone, PhoneEvents events, int count, int warmupSeconds, int seconds)
            throws InterruptedException {
        int capacity = seconds * 1000 / MediaEngine.FRAME_MILLIS + 100;
        List<CallRef> calls = new ArrayList<>();
        List<IntervalRecorder> recorders = new ArrayList<>();
        long dialStart = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                CallRef call = phone.dial(1, DESTINATION);
                calls.add(call);
                events.awaitConnected(call);
                IntervalRecorder recorder = new IntervalRecorder(AudioSource.silence(), capacity);
                BenchAccess.media(phone, call).setSource(recorder);
                recorders.add(recorder);
            }
            double setUpSeconds = (System.nanoTime() - dialStart) / 1e9;
            Thread.sleep(warmupSeconds * 1000L);
            List<CallStatsUpdate> before = calls.stream().map(phone::callStats).toList();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long gcsBefore = garbageCollections();
            long cpuBefore = os.getProcessCpuTime();
            long sippBefore = PeerProcess.cpuNanosOf("sipp");
            long wallBefore = System.nanoTime();
            IntervalRecorder control = new IntervalRecorder(AudioSource.silence(), capacity);
            Thread controlThread = new Thread(control::readEveryFrame, "control");
            controlThread.start();
            recorders.forEach(IntervalRecorder::start);
            control.start();
            Thread.sleep(seconds * 1000L);
            recorders.forEach(IntervalRecorder::stop);
            control.stop();
            long wall = System.nanoTime() - wallBefore;
            double cpu = 100.0 * (os.getProcessCpuTime() - cpuBefore) / wall;
            double sippCpu = 100.0 * (PeerProcess.cpuNanosOf("sipp") - sippBefore) / wall;
            long gcs = garbageCollections() - gcsBefore;
            controlThread.interrupt();
            controlThread.join();
            List<CallStatsUpdate> after = calls.stream().map(phone::callStats).toList();
            return report(count, setUpSeconds, recorders, before, after, cpu, sippCpu, gcs, control);
        } finally {
            for (CallRef call : calls) {
                phone.hangUp(call);
                events.awaitHungUp(call);
            }
            // Lets the far end finish the BYEs before the next round dials.
            Thread.sleep(1000);
        }
    }

    private static double report(int count, double setUpSeconds, List<IntervalRecorder> recorders,
            List<CallStatsUpdate> before, List<CallStatsUpdate> after, double cpu, double sippCpu, long gcs,
            IntervalRecorder control) {
        long[] intervals = recorders.stream().flatMapToLong(IntervalRecorder::intervals).sorted().toArray();
        long late = Arrays.stream(intervals).filter(interval -> interval > LATE_NANOS).count();
        int bothWays = 0;
        long lost = 0;
        long discarded = 0;
        double jitter = 0;
        for (int i = 0; i < count; i++) {
            CallStatsUpdate start = before.get(i);
            CallStatsUpdate end = after.get(i);
            if (end.sent() > start.sent() && end.received() > start.received()) {
                bothWays++;
            }
            lost += end.lost() - start.lost();
            discarded += end.discarded() - start.discarded();
            jitter += end.jitter();
        }
        long[] controlIntervals = control.intervals().sorted().toArray();
        double p99 = millis(percentile(intervals, 99));
        System.out.printf(Locale.ROOT, "%6d %7.1f %9d %7.2f %7.2f %8.2f %7.2f %8.3f %6.0f %7.0f %9s %6d %9d %6.1f %4d %8.2f%n",
                count, setUpSeconds, intervals.length, millis(percentile(intervals, 50)), p99,
                millis(percentile(intervals, 99.9)), millis(intervals[intervals.length - 1]), 100.0 * late / intervals.length, cpu, sippCpu,
                bothWays + "/" + count, lost, discarded, jitter / count, gcs, millis(percentile(controlIntervals, 99)));
        return p99;
    }

    /** Wakes on a 20 ms grid of absolute deadlines, as a clock thread does, until interrupted. */
    private static long garbageCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
