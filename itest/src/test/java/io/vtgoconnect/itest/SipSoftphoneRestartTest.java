package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Issue 3: stopping and starting the SIP softphone's bundle, with the phone running each time,
 * leaves no thread and no bound port behind. The phone registers with a registrar where nothing
 * listens, so its registration keeps retrying while it runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SipSoftphoneRestartTest extends InFrameworkTest {
    private static final String SIP_BUNDLE = "io.vtgoconnect.transport-sip";
    private static final String MEDIA_BUNDLE = "io.vtgoconnect.media";
    private static final String LINE_FACTORY_PID = "io.vtgoconnect.transport.sip.line";
    private static final String PHONE_PID = "io.vtgoconnect.transport.sip.phone";
    private static final int CYCLES = 20;
    private static final int RTP_PORTS = 4;
    private static final long POLL_MILLIS = 20;
    private static final Pattern GOGO_SESSION_THREAD = Pattern.compile("session-\\d+-thread-\\d+");
    private static final String PROMISE_POOL_THREAD = "PromiseFactory,";
    /** Names of the threads that JAIN-SIP, the phone and its media engine start. */
    private static final List<String> SOFTPHONE_THREAD_NAMES = List.of("vtgo-sip-phone", "vtgo-media-",
            "EventScannerThread", "UDPMessageChannelThread", "UDPMessageProcessorThread", "TCPMessageProcessorThread",
            "TCPMessageChannelThread", "MessageProcessorThread", "SipStackTimer", "DefaultTimer");
    /** Code that runs only on a thread of the softphone. */
    private static final List<String> SOFTPHONE_PACKAGES = List.of("gov.nist.", "javax.sip.", "javax.sdp.",
            "io.vtgoconnect.transport.sip.", "io.vtgoconnect.media.");

    @Configuration
    public Option[] configuration() {
        return RuntimeBundles.with("media", "transport-sip");
    }

    @Test
    public void bundleRestartsLeaveNoThreadAndNoPortBehind() throws Exception {
        Bundle sip = framework.installed(SIP_BUNDLE);
        Bundle media = framework.installed(MEDIA_BUNDLE);
        int sipPort = Leftovers.freeLoopbackPort();
        int rtpMin = Leftovers.freeRtpRange(RTP_PORTS);
        int registrarPort = Leftovers.freeLoopbackPort();
        configure(sipPort, rtpMin, registrarPort);
        awaitSoftphone(sipPort);

        // Warm-up: the first run starts what the framework shares (EventAdmin's and SCR's pools, ...).
        runPhone();
        framework.session.run("exitprogram");
        framework.awaitOutput("Disconnected from softphone");
        awaitFree(sipPort, rtpMin);
        Set<Thread> baseline = ownThreads();
        assertEquals("Softphone threads with the phone stopped: " + Leftovers.describe(baseline), List.of(),
                softphoneThreads(baseline, sip, media));

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            sip.stop();
            assertEquals(Bundle.RESOLVED, sip.getState());
            sip.start();
            awaitSoftphone(sipPort);
            runPhone();
        }
        framework.session.run("exitprogram");
        framework.awaitOutput("Disconnected from softphone");
        sip.stop();

        long deadline = System.nanoTime() + Leftovers.WAIT.toNanos();
        Set<Thread> extra = extraThreads(baseline);
        List<Thread> softphone = softphoneThreads(Leftovers.liveThreads(), sip, media);
        while ((!extra.isEmpty() || !softphone.isEmpty() || ownThreads().size() > baseline.size())
                && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            extra = extraThreads(baseline);
            softphone = softphoneThreads(Leftovers.liveThreads(), sip, media);
        }
        assertEquals("Threads of the softphone left after " + CYCLES + " restarts:\n" + Leftovers.describe(softphone),
                List.of(), softphone);
        assertEquals("Threads started since the baseline and still alive:\n" + Leftovers.describe(extra), Set.of(), extra);
        int threadsNow = ownThreads().size();
        assertTrue("Threads: " + threadsNow + " now, " + baseline.size() + " at the baseline",
                threadsNow <= baseline.size());
        awaitFree(sipPort, rtpMin);
        System.out.println(SipSoftphoneRestartTest.class.getSimpleName() + ": " + CYCLES + " restarts, threads "
                + baseline.size() + " at the baseline, " + ownThreads().size() + " at the end, "
                + (Leftovers.liveThreads().size() - ownThreads().size()) + " of EventAdmin's pool");
    }

    /** One line, 2001, with a registrar where nothing listens, and the phone on free loopback ports. */
    private void configure(int sipPort, int rtpMin, int registrarPort) throws IOException {
        framework.configure(PHONE_PID, Map.of("sip.address", "127.0.0.1", "sip.port", sipPort, "rtp.port.min", rtpMin,
                "rtp.port.max", rtpMin + RTP_PORTS - 1));
        framework.configureFactory(LINE_FACTORY_PID, Map.of("number", "2001", "registrar", "127.0.0.1:" + registrarPort,
                "keepalive.interval", 5));
    }

    /** Waits until the softphone is registered with the configured SIP port and has its line. */
    private void awaitSoftphone(int sipPort) throws InterruptedException {
        ConfiguredSoftphone.await(context, sipPort, 1);
    }

    /** RunProgram, then waits for the phone to say it runs. */
    private void runPhone() throws Exception {
        framework.run("runprogram");
        framework.awaitOutput("Connected to softphone");
    }

    private static Set<Thread> extraThreads(Set<Thread> baseline) {
        Set<Thread> extra = ownThreads();
        extra.removeAll(baseline);
        return extra;
    }

    /**
     * The threads alive now but those of the pools another bundle shares, which grow up to their
     * size as they are used: EventAdmin's (its SyncThread class is the EventAdmin bundle's), the
     * test's Gogo session's, which runs each command line on a cached pool named session-N-thread-M,
     * and OSGi Promises' default pool (SCR resolves its component changes on it), whose idle
     * threads live on for a minute.
     */
    private static Set<Thread> ownThreads() {
        Set<Thread> threads = Leftovers.liveThreads();
        threads.removeIf(thread -> thread.getClass().getName().startsWith("org.apache.felix.eventadmin.")
                || GOGO_SESSION_THREAD.matcher(thread.getName()).matches()
                || thread.getName().startsWith(PROMISE_POOL_THREAD));
        return threads;
    }

    /** The threads that the softphone started. */
    private static List<Thread> softphoneThreads(Set<Thread> threads, Bundle... bundles) {
        return Leftovers.threadsOf(threads, SOFTPHONE_THREAD_NAMES, SOFTPHONE_PACKAGES, bundles);
    }

    /** Waits until the SIP port (UDP and TCP) and every RTP port of the range can be bound again. */
    private static void awaitFree(int sipPort, int rtpMin) throws InterruptedException {
        List<Integer> udp = new ArrayList<>(List.of(sipPort));
        udp.addAll(Leftovers.range(rtpMin, RTP_PORTS));
        Leftovers.awaitFree(udp, List.of(sipPort));
    }
}
