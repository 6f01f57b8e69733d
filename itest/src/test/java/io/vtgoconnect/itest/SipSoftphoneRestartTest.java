package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.vtgoconnect.api.transport.SoftphoneTransport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 3: stopping and starting the SIP softphone's bundle, with the phone running each time,
 * leaves no thread and no bound port behind. The phone registers with a registrar where nothing
 * listens, so its registration keeps retrying while it runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SipSoftphoneRestartTest {
    private static final String SIP_BUNDLE = "io.vtgoconnect.transport-sip";
    private static final String MEDIA_BUNDLE = "io.vtgoconnect.media";
    private static final String LINE_FACTORY_PID = "io.vtgoconnect.transport.sip.line";
    private static final String PHONE_PID = "io.vtgoconnect.transport.sip.phone";
    private static final String CONFIGURED_LINE = "io.vtgoconnect.transport.sip.internal.ConfiguredLine";
    private static final int CYCLES = 20;
    private static final int RTP_PORTS = 4;
    private static final Pattern GOGO_SESSION_THREAD = Pattern.compile("session-\\d+-thread-\\d+");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    /** Names of the threads that JAIN-SIP, the phone and its media engine start. */
    private static final List<String> SOFTPHONE_THREAD_NAMES = List.of("vtgo-sip-phone", "vtgo-media-",
            "EventScannerThread", "UDPMessageChannelThread", "UDPMessageProcessorThread", "TCPMessageProcessorThread",
            "TCPMessageChannelThread", "MessageProcessorThread", "SipStackTimer", "DefaultTimer");
    /** Code that runs only on a thread of the softphone. */
    private static final List<String> SOFTPHONE_PACKAGES = List.of("gov.nist.", "javax.sip.", "javax.sdp.",
            "io.vtgoconnect.transport.sip.", "io.vtgoconnect.media.");

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    @Inject
    private ConfigurationAdmin configAdmin;

    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();
    private RecordedSession session;

    @Configuration
    public Option[] configuration() {
        return RuntimeBundles.with("media", "transport-sip");
    }

    @Before
    public void openSession() {
        session = new RecordedSession(processor);
    }

    @After
    public void cleanUp() throws Exception {
        session.close();
        for (org.osgi.service.cm.Configuration configuration : configurations) {
            configuration.delete();
        }
    }

    @Test
    public void bundleRestartsLeaveNoThreadAndNoPortBehind() throws Exception {
        Bundle sip = installed(SIP_BUNDLE);
        Bundle media = installed(MEDIA_BUNDLE);
        int sipPort = LoopbackPorts.free();
        int rtpMin = freeRtpRange();
        int registrarPort = LoopbackPorts.free();
        configure(sipPort, rtpMin, registrarPort);
        awaitSoftphone(sipPort);

        // Warm-up: the first run starts what the framework shares (EventAdmin's and SCR's pools, ...).
        runPhone();
        session.run("exitprogram");
        awaitOutput("Disconnected from softphone");
        awaitFree(sipPort, rtpMin);
        Set<Thread> baseline = ownThreads();
        assertEquals("Softphone threads with the phone stopped: " + describe(baseline), List.of(),
                softphoneThreads(baseline, sip, media));

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            sip.stop();
            assertEquals(Bundle.RESOLVED, sip.getState());
            sip.start();
            awaitSoftphone(sipPort);
            runPhone();
        }
        session.run("exitprogram");
        awaitOutput("Disconnected from softphone");
        sip.stop();

        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<Thread> extra = extraThreads(baseline);
        List<Thread> softphone = softphoneThreads(liveThreads(), sip, media);
        while ((!extra.isEmpty() || !softphone.isEmpty() || ownThreads().size() > baseline.size())
                && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            extra = extraThreads(baseline);
            softphone = softphoneThreads(liveThreads(), sip, media);
        }
        assertEquals("Threads of the softphone left after " + CYCLES + " restarts:\n" + describe(softphone),
                List.of(), softphone);
        assertEquals("Threads started since the baseline and still alive:\n" + describe(extra), Set.of(), extra);
        int threadsNow = ownThreads().size();
        assertTrue("Threads: " + threadsNow + " now, " + baseline.size() + " at the baseline",
                threadsNow <= baseline.size());
        awaitFree(sipPort, rtpMin);
        System.out.println(SipSoftphoneRestartTest.class.getSimpleName() + ": " + CYCLES + " restarts, threads "
                + baseline.size() + " at the baseline, " + ownThreads().size() + " at the end, "
                + (liveThreads().size() - ownThreads().size()) + " of EventAdmin's pool");
    }

    private Bundle installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }

    /** One line, 2001, with a registrar where nothing listens, and the phone on free loopback ports. */
    private void configure(int sipPort, int rtpMin, int registrarPort) throws IOException {
        org.osgi.service.cm.Configuration phone = configAdmin.getConfiguration(PHONE_PID, "?");
        configurations.add(phone);
        Dictionary<String, Object> phoneSettings = new Hashtable<>();
        phoneSettings.put("sip.address", "127.0.0.1");
        phoneSettings.put("sip.port", sipPort);
        phoneSettings.put("rtp.port.min", rtpMin);
        phoneSettings.put("rtp.port.max", rtpMin + RTP_PORTS - 1);
        phone.update(phoneSettings);

        org.osgi.service.cm.Configuration line = configAdmin.createFactoryConfiguration(LINE_FACTORY_PID, "?");
        configurations.add(line);
        Dictionary<String, Object> lineSettings = new Hashtable<>();
        lineSettings.put("number", "2001");
        lineSettings.put("registrar", "127.0.0.1:" + registrarPort);
        lineSettings.put(".password", "secret-2001");
        lineSettings.put("keepalive.interval", 5);
        line.update(lineSettings);
    }

    /** Waits until the softphone is registered with the configured SIP port and has its line. */
    private void awaitSoftphone(int sipPort) throws Exception {
        String transport = "(&(objectClass=" + SoftphoneTransport.class.getName() + ")(sip.port=" + sipPort + "))";
        await("the softphone on SIP port " + sipPort + " with its line", () -> {
            try {
                return context.getAllServiceReferences(null, transport) != null
                        && context.getAllServiceReferences(CONFIGURED_LINE, null) != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    /** RunProgram, then waits for the phone to say it runs. */
    private void runPhone() throws Exception {
        String answer = session.run("runprogram");
        assertFalse(answer, answer.contains("Error :"));
        awaitOutput("Connected to softphone");
    }

    private void awaitOutput(String text) throws Exception {
        String answer = session.run("waitfor \"" + text + "\" " + WAIT.toSeconds());
        assertFalse("Waiting for " + text + ": " + answer + "\nAll output:\n" + session.printed(),
                answer.contains("Timeout :"));
    }

    /** The threads alive now. */
    private static Set<Thread> liveThreads() {
        Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).forEach(threads::add);
        return threads;
    }

    private static Set<Thread> extraThreads(Set<Thread> baseline) {
        Set<Thread> extra = ownThreads();
        extra.removeAll(baseline);
        return extra;
    }

    /**
     * The threads alive now but those of the pools another bundle shares, which grow up to their
     * size as they are used: EventAdmin's (its SyncThread class is the EventAdmin bundle's) and
     * the test's Gogo session's, which runs each command line on a cached pool named session-N-thread-M.
     */
    private static Set<Thread> ownThreads() {
        Set<Thread> threads = liveThreads();
        threads.removeIf(thread -> thread.getClass().getName().startsWith("org.apache.felix.eventadmin.")
                || GOGO_SESSION_THREAD.matcher(thread.getName()).matches());
        return threads;
    }

    /**
     * The threads that the softphone started: by name, by the bundle of their class or context
     * class loader, or by code of the softphone on their stack. The JVM's own threads (its system
     * thread group) are not the softphone's even while they run its code: JAIN-SIP's
     * SipStackImpl.finalize() stops the collected stack again on the Finalizer thread.
     */
    private static List<Thread> softphoneThreads(Set<Thread> threads, Bundle... bundles) {
        Set<Long> ids = Arrays.stream(bundles).map(Bundle::getBundleId).collect(Collectors.toSet());
        return threads.stream().filter(thread -> !isJvmThread(thread))
                .filter(thread -> SOFTPHONE_THREAD_NAMES.stream().anyMatch(thread.getName()::contains)
                        || belongsTo(thread.getClass().getClassLoader(), ids)
                        || belongsTo(thread.getContextClassLoader(), ids)
                        || Arrays.stream(thread.getStackTrace()).anyMatch(frame -> SOFTPHONE_PACKAGES.stream()
                                .anyMatch(frame.getClassName()::startsWith)))
                .toList();
    }

    private static boolean isJvmThread(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return group != null && group.getParent() == null;
    }

    private static boolean belongsTo(ClassLoader loader, Set<Long> bundleIds) {
        return loader instanceof BundleReference reference && reference.getBundle() != null
                && bundleIds.contains(reference.getBundle().getBundleId());
    }

    /** Each thread: its name, class, context class loader and the top of its stack. */
    private static String describe(Iterable<Thread> threads) {
        StringBuilder text = new StringBuilder();
        for (Thread thread : threads) {
            text.append("  \"").append(thread.getName()).append("\" ").append(thread.getClass().getName())
                    .append(thread.isDaemon() ? " daemon" : "").append(", context loader ")
                    .append(thread.getContextClassLoader()).append('\n');
            Arrays.stream(thread.getStackTrace()).limit(12)
                    .forEach(frame -> text.append("      at ").append(frame).append('\n'));
        }
        return text.toString();
    }

    /** Waits until the SIP port (UDP and TCP) and every RTP port of the range can be bound again. */
    private static void awaitFree(int sipPort, int rtpMin) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String busy;
        while ((busy = busyPorts(sipPort, rtpMin)) != null && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        if (busy != null) {
            fail("Still bound: " + busy);
        }
    }

    /** The first port that cannot be bound on 127.0.0.1, or null. */
    private static String busyPorts(int sipPort, int rtpMin) {
        List<String> busy = new ArrayList<>();
        if (!LoopbackPorts.udpFree(sipPort)) {
            busy.add("SIP UDP " + sipPort);
        }
        if (!LoopbackPorts.tcpFree(sipPort)) {
            busy.add("SIP TCP " + sipPort);
        }
        for (int port = rtpMin; port < rtpMin + RTP_PORTS; port++) {
            if (!LoopbackPorts.udpFree(port)) {
                busy.add("RTP/RTCP UDP " + port);
            }
        }
        return busy.isEmpty() ? null : busy.toString();
    }

    /** The first port of RTP_PORTS free UDP ports in a row, starting even (RTP even, RTCP odd). */
    private static int freeRtpRange() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort() & ~1;
            }
            boolean free = true;
            for (int p = port; p < port + RTP_PORTS && free; p++) {
                free = LoopbackPorts.udpFree(p);
            }
            if (free && port > 1024 && port + RTP_PORTS <= 65535) {
                return port;
            }
        }
        throw new IOException("No free RTP range");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

}
