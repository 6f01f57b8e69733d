package io.vtgoconnect.media.bench;

import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.MediaStatistics;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.media.srtp.MasterKey;
import io.vtgoconnect.media.srtp.SrtpKeys;
import io.vtgoconnect.media.srtp.SrtpSuite;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test: for each codec and each count N, opens N pairs of RTP sessions in one
 * engine, each pair calling the other over loopback with a tone both ways (at the codec's own
 * sample rate), and measures for a while how regularly every session sends: the interval between
 * two consecutive frames read from its source, which is when it encodes and sends. Prints the
 * interval percentiles, the process CPU (in % of one processor, and per call: one pair is one
 * call, both ends of it) and what the receivers counted. Beside the sessions, a control thread
 * that does nothing but wake on the same 20 ms grid measures the floor the machine sets (timer
 * and scheduler latency, other processes' load): its p99 is printed last. Run it with
 * {@code bench/media.sh}, on an otherwise idle machine.
 *
 * <p>Arguments: {@code [--seconds S] [--warmup S] [--clock-threads K] [--codecs PCMU,G722,opus]
 * [--srtp] [pairs ...]}; by default 10 s (after 3 s of warm-up) for 100, 250 and 500 pairs, in
 * PCMU, with the engine's default clock threads and plain RTP ({@code --srtp}: every session
 * protected with AES_CM_128_HMAC_SHA1_80).
 */
public final class ConcurrentSessionsBench {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private ConcurrentSessionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmupSeconds = 3;
        int clockThreads = 0;
        boolean srtp = false;
        List<AudioCodec> codecs = new ArrayList<>();
        List<Integer> pairCounts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--clock-threads" -> clockThreads = Integer.parseInt(args[++i]);
                case "--srtp" -> srtp = true;
                case "--codecs" -> {
                    for (String name : args[++i].split(",")) {
                        codecs.add(AudioCodec.named(name)
                                .orElseThrow(() -> new IllegalArgumentException("no codec " + name)));
                    }
                }
                default -> pairCounts.add(Integer.parseInt(args[i]));
            }
        }
        if (pairCounts.isEmpty()) {
            pairCounts = List.of(100, 250, 500);
        }
        if (codecs.isEmpty()) {
            codecs.add(AudioCodec.named("PCMU").orElseThrow());
        }
        System.out.printf(Locale.ROOT, "Java %s, %d processors, %s clock thread(s), %d s measured after %d s of warm-up, %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                clockThreads == 0 ? "default" : clockThreads, seconds, warmupSeconds,
                srtp ? "SRTP AES_CM_128_HMAC_SHA1_80" : "plain RTP");
        System.out.printf(Locale.ROOT, "%6s %6s %8s %10s %8s %8s %8s %8s %9s %7s %11s %8s %9s %9s %6s %12s%n",
                "codec", "pairs", "sessions", "intervals", "p50 ms", "p99 ms", "p99.9 ms", "max ms", ">22 ms %",
                "CPU %", "CPU %/call", "lost", "discarded", "jitter ms", "GCs", "control p99");
        for (AudioCodec codec : codecs) {
            for (int pairs : pairCounts) {
                run(codec, srtp, pairs, clockThreads, warmupSeconds, seconds);
            }
        }
    }

    private static void run(AudioCodec codec, boolean srtp, int pairs, int clockThreads, int warmupSeconds,
            int seconds) throws IOException, InterruptedException {
        RtpSessionConfig config = RtpSessionConfig.defaults().withPortRange(20000, 29999).withCodec(codec);
        SecureRandom random = new SecureRandom();
        int framesPerSession = seconds * 1000 / MediaEngine.FRAME_MILLIS + 100;
        List<RtpSession> sessions = new ArrayList<>();
        List<IntervalRecorder> recorders = new ArrayList<>();
        try (MediaEngine engine = clockThreads == 0 ? new MediaEngine() : new MediaEngine(clockThreads)) {
            for (int i = 0; i < pairs; i++) {
                MasterKey aKey = MasterKey.generate(random);
                MasterKey bKey = MasterKey.generate(random);
                SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
                RtpSession a = engine.open(srtp ? config.withSrtp(new SrtpKeys(suite, aKey, bKey)) : config);
                RtpSession b = engine.open(srtp ? config.withSrtp(new SrtpKeys(suite, bKey, aKey)) : config);
                a.setRemote(b.localRtpAddress());
                b.setRemote(a.localRtpAddress());
                for (RtpSession session : List.of(a, b)) {
                    IntervalRecorder recorder = new IntervalRecorder(
                            ToneSource.at(codec.sampleRate(), 8000, 1000), framesPerSession);
                    session.setSource(recorder);
                    recorders.add(recorder);
                    sessions.add(session);
                }
            }
            Thread.sleep(warmupSeconds * 1000L);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long gcsBefore = garbageCollections();
            long cpuBefore = os.getProcessCpuTime();
            long wallBefore = System.nanoTime();
            IntervalRecorder control = new IntervalRecorder(AudioSource.silence(), framesPerSession);
            Thread controlThread = new Thread(control::readEveryFrame, "control");
            controlThread.start();
            recorders.forEach(IntervalRecorder::start);
            control.start();
            Thread.sleep(seconds * 1000L);
            recorders.forEach(IntervalRecorder::stop);
            control.stop();
            controlThread.interrupt();
            controlThread.join();
            double cpuPercent = 100.0 * (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
            long[] controlIntervals = control.intervals().sorted().toArray();
            report(codec, pairs, sessions, recorders, cpuPercent, garbageCollections() - gcsBefore,
                    percentile(controlIntervals, 99));
        }
    }

    private static void report(AudioCodec codec, int pairs, List<RtpSession> sessions, List<IntervalRecorder> recorders,
            double cpuPercent, long gcs, long controlP99) {
        long[] intervals = recorders.stream().flatMapToLong(IntervalRecorder::intervals).sorted().toArray();
        long late = Arrays.stream(intervals).filter(interval -> interval > 22 * NANOS_PER_MILLI).count();
        long lost = 0;
        long discarded = 0;
        double jitter = 0;
        for (RtpSession session : sessions) {
            MediaStatistics statistics = session.statistics();
            lost += statistics.lost();
            discarded += statistics.discarded();
            jitter += statistics.jitterMillis();
        }
        System.out.printf(Locale.ROOT,
                "%6s %6d %8d %10d %8.2f %8.2f %8.2f %8.2f %9.3f %7.0f %11.3f %8d %9d %9.2f %6d %12.2f%n",
                codec.encodingName(), pairs, sessions.size(), intervals.length, millis(percentile(intervals, 50)),
                millis(percentile(intervals, 99)), millis(percentile(intervals, 99.9)),
                millis(intervals[intervals.length - 1]), 100.0 * late / intervals.length, cpuPercent,
                cpuPercent / pairs, lost, discarded, jitter / sessions.size(), gcs, millis(controlP99));
    }

    /** Reads a frame of silence on a 20 ms grid of absolute deadlines, as a clock thread would, until interrupted. */
    private static long percentile(long[] sorted, double percent) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / (double) NANOS_PER_MILLI;
    }

    private static long garbageCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
