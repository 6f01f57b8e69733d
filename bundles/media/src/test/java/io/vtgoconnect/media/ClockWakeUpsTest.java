package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often the engine's threads go to sleep and are woken, as the kernel counts them
 * ({@code /proc/self/task/TID/status}): what a relaying call server pays for its clock. Nothing
 * comes in to the sessions, so the receive thread sleeps throughout and the count is the clock's.
 */
class ClockWakeUpsTest {
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(24000, 24999);

    private final MediaEngine engine = new MediaEngine(1);
    private final List<RtpSession> sessions = new ArrayList<>();

    @AfterEach
    void closeEngine() {
        sessions.forEach(RtpSession::close);
        engine.close();
    }

    @Test
    void sessionsThatOnlyRelayCostTheClockOneWakeUpAPeriodWhateverTheirSlots() throws IOException {
        Set<Path> before = mediaTasks();
        // Ten pairs: the clock puts each new session in its least occupied slot, so all ten slots hold two.
        openRelayingPairs(10);
        double perSecond = wakeUpsPerSecond(startedSince(before));
        // One a period (20 ms) is 50 a second; one a slot would be 500.
        assertTrue(perSecond >= 40 && perSecond < 100, perSecond + " wake-ups a second");
    }

    @Test
    void aSessionSendingFramesOfItsOwnStillHasItsSlotWokenForEachPeriod() throws IOException {
        Set<Path> before = mediaTasks();
        openRelayingPairs(4);
        RtpSession sender = open();
        try (DatagramChannel farEnd = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            sender.setRemote((InetSocketAddress) farEnd.getLocalAddress());
            sender.setSource(new ToneSource(8000, 1000));
            // Relayed sessions before and after the sender's slot: it is woken for, and the rest tick with it.
            double perSecond = wakeUpsPerSecond(startedSince(before));
            assertTrue(perSecond >= 40 && perSecond < 100, perSecond + " wake-ups a second");
            long sent = sender.statistics().packetsSent();
            Await.until("the sender to go on sending a frame each period", () -> sender.statistics().packetsSent() >= sent + 10);
        }
    }

    /** Pairs of sessions, each relaying what it receives to the other, as a call server's bridged legs. */
    private void openRelayingPairs(int pairs) throws IOException {
        for (int pair = 0; pair < pairs; pair++) {
            RtpSession a = open();
            RtpSession b = open();
            a.relayTo(b);
            b.relayTo(a);
        }
    }

    private RtpSession open() throws IOException {
        RtpSession session = engine.open(CONFIG);
        sessions.add(session);
        return session;
    }

    /** The voluntary context switches of these threads (each a sleep they were woken from) over a second, a second. */
    private static double wakeUpsPerSecond(Set<Path> tasks) throws IOException {
        long before = voluntarySwitches(tasks);
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        // The window to count over, not a wait for something to happen.
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        long switches = voluntarySwitches(tasks) - before;
        return switches * 1e9 / (System.nanoTime() - start);
    }

    /** The engine's threads: those of the media engines running now that were not running before. */
    private static Set<Path> startedSince(Set<Path> before) throws IOException {
        Set<Path> started = new HashSet<>(mediaTasks());
        started.removeAll(before);
        assertEquals(2, started.size(), "the engine's receive and clock threads: " + started);
        return started;
    }

    /** The threads of this process whose names start as the media engines' do (Linux keeps 15 characters of a name). */
    private static Set<Path> mediaTasks() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> taskName(task).startsWith("vtgo-media-")).collect(Collectors.toSet());
        }
    }

    private static String taskName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    private static long voluntarySwitches(Set<Path> tasks) throws IOException {
        long switches = 0;
        for (Path task : tasks) {
            switches += Files.readAllLines(task.resolve("status")).stream()
                    .filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                    .findFirst().orElseThrow();
        }
        return switches;
    }
}
