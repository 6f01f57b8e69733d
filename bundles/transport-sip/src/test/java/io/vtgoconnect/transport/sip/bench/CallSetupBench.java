package io.vtgoconnect.transport.sip.bench;

import static io.vtgoconnect.transport.sip.bench.BenchSupport.millis;
import static io.vtgoconnect.transport.sip.bench.BenchSupport.percentile;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.testing.peers.Baresip;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.transport.sip.internal.BenchAccess;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark, not a test: call set-up latency through Kamailio to a SIPp UAS that answers at once
 * (scenario uas-answer), for our SipSoftphone and for baresip 1.0.0 registered at the same
 * Kamailio. Ours: from dial() to the LineUpdate TsConnected reported to its listener; baresip's:
 * from sending the ctrl_tcp dial command to its CALL_ESTABLISHED event. Each call is hung up and
 * the phone back idle before the next; the two phones take turns, so that both see the same
 * machine. Prints p50, p99 and max of each and the ratio ours/baresip. Run it with
 * {@code bench/call-setup.sh}.
 *
 * <p>Arguments: {@code [--calls N] [--warmup W]}: N measured calls each (500) after W (50).
 */
public final class CallSetupBench {
    private static final String OUR_NUMBER = "2001";
    private static final String BARESIP_NUMBER = "2002";
    /** Numbers starting with 9 go to the SIPp UAS. */
    private static final String DESTINATION = "9001";
    private static final long PAUSE_MILLIS = 20;

    private CallSetupBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = 500;
        int warmup = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        int uasPort = FreePorts.udpAndTcp();
        long[] ours = new long[calls];
        long[] theirs = new long[calls];
        try (Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");
                PeerProcess uas = Sipp.uasForEveryCall(uasPort, FreePorts.udpAndTcp(4), "uas-answer", true);
                Baresip baresip = new Baresip(BARESIP_NUMBER, kamailio.port, 28000)) {
            SoftphoneTransport phone = BenchAccess.phone(FreePorts.udpAndTcp(), 24000, 24999, OUR_NUMBER, kamailio.port);
            PhoneEvents events = new PhoneEvents();
            phone.start(events);
            try {
                events.awaitRegistered();
                baresip.awaitRegistered();
                String uri = "sip:" + DESTINATION + "@127.0.0.1:" + kamailio.port;
                for (int i = -warmup; i < calls; i++) {
                    // Turns alternate who goes first, so neither always follows the other's hang-up.
                    boolean oursFirst = (i & 1) == 0;
                    long a = oursFirst ? ourCall(phone, events) : baresipCall(baresip, uri);
                    long b = oursFirst ? baresipCall(baresip, uri) : ourCall(phone, events);
                    if (i >= 0) {
                        ours[i] = oursFirst ? a : b;
                        theirs[i] = oursFirst ? b : a;
                    }
                }
            } finally {
                phone.stop();
            }
        }
        report(calls, warmup, ours, theirs);
    }

    private static long ourCall(SoftphoneTransport phone, PhoneEvents events) throws InterruptedException {
        long start = System.nanoTime();
        CallRef call = phone.dial(1, DESTINATION);
        long latency = events.awaitConnected(call) - start;
        phone.hangUp(call);
        events.awaitHungUp(call);
        Thread.sleep(PAUSE_MILLIS);
        return latency;
    }

    private static long baresipCall(Baresip baresip, String uri) throws Exception {
        long latency = baresip.dialToEstablished(uri);
        baresip.hangUp();
        Thread.sleep(PAUSE_MILLIS);
        return latency;
    }

    private static void report(int calls, int warmup, long[] ours, long[] theirs) {
        Arrays.sort(ours);
        Arrays.sort(theirs);
        System.out.printf(Locale.ROOT, "Call set-up through Kamailio to a SIPp UAS that answers at once: %d calls each after %d"
                + " of warm-up, taking turns (Java %s, %d processors)%n", calls, warmup, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-40s %8s %8s %8s%n", "", "p50 ms", "p99 ms", "max ms");
        row("SipSoftphone: dial() -> TsConnected", ours);
        row("baresip 1.0.0: dial -> CALL_ESTABLISHED", theirs);
        System.out.printf(Locale.ROOT, "%-40s %8.2f %8.2f %8.2f%n", "ratio SipSoftphone / baresip",
                ratio(ours, theirs, 50), ratio(ours, theirs, 99), ratio(ours, theirs, 100));
    }

    private static void row(String name, long[] sorted) {
        System.out.printf(Locale.ROOT, "%-40s %8.2f %8.2f %8.2f%n", name, millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    private static double ratio(long[] ours, long[] theirs, double percent) {
        return (double) percentile(ours, percent) / percentile(theirs, percent);
    }
}
