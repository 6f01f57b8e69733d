package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How often the engine's clock thread goes to sleep and is woken, as the kernel counts it
 * ({@code /proc/self/task/TID/status}): what a relaying call server pays for its clock.
 */
class ClockWakeUpsTest {
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(24000, 24999);
    /** Linux keeps the first 15 bytes of a thread's name. */
    private static final int TASK_NAME_LENGTH = 15;

    private final MediaEngine engine = new MediaEngine(1);
    private final List<RtpSession> sessions = new ArrayList<>();

    @AfterEach
    void closeEngine() {
        sessions.forEach(RtpSession::close);
        engine.close();
    }

    @Test
    void sessionsThatOnlyRelayCostTheClockOneWakeUpAPeriodWhateverTheirSlots() throws IOException {
        // Ten pairs: the clock puts each new session in its least occupied slot, so all ten slots hold two.
        for (int pair = 0; pair < 10; pair++) {
            RtpSession a = open();
            RtpSession b = open();
            a.relayTo(b);
            b.relayTo(a);
        }
        double perSecond = clockWakeUpsPerSecond();
        // One a period (20 ms) is 50 a second; one a slot would be 500.
        assertTrue(perSecond >= 40 && perSecond < 100, perSecond + " wake-ups a second");
    }

    @Test
    void aSessionSendingFramesOfItsOwnStillHasItsSlotWokenForEachPeriod() throws IOException {
        for (int pair = 0; pair < 4; pair++) {
            RtpSession a = open();
            RtpSession b = open();
            a.relayTo(b);
            b.relayTo(a);
        }
        RtpSession sender = open();
        try (DatagramChannel farEnd = DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            sender.setRemote((InetSocketAddress) farEnd.getLocalAddress());
            sender.setSource(new ToneSource(8000, 1000));
            // Relayed sessions before and after the sender's slot: it is woken for, and the rest tick with it.
            double perSecond = clockWakeUpsPerSecond();
            assertTrue(perSecond >= 40 && perSecond < 100, perSecond + " wake-ups a second");
            long sent = sender.statistics().packetsSent();
            Await.until("the sender to go on sending a frame each period", () -> sender.statistics().packetsSent() >= sent + 10);
        }
    }

    private RtpSession open() throws IOException {
        RtpSession session = engine.open(CONFIG);
        sessions.add(session);
        return session;
    }

    /** The clock thread's voluntary context switches (each a sleep it was woken from) over a second, a second. */
    private static double clockWakeUpsPerSecond() throws IOException {
        Path task = clockTask();
        long before = voluntarySwitches(task);
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        // The window to count over, not a wait for something to happen.
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        long switches = voluntarySwitches(task) - before;
        return switches * 1e9 / (System.nanoTime() - start);
    }

    /** The /proc entry of the one engine clock thread running. */
    private static Path clockTask() throws IOException {
        List<String> clocks = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("vtgo-media-")
                        && thread.getName().contains("-clock-"))
                .map(thread -> thread.getName().substring(0, Math.min(TASK_NAME_LENGTH, thread.getName().length())))
                .toList();
        assertEquals(1, clocks.size(), "engine clock threads running: " + clocks);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            List<Path> matching = tasks.filter(task -> clocks.get(0).equals(taskName(task))).toList();
            assertEquals(1, matching.size(), "tasks named " + clocks.get(0));
            return matching.get(0);
        }
    }

    private static String taskName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    private static long voluntarySwitches(Path task) throws IOException {
        return Files.readAllLines(task.resolve("status")).stream()
                .filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst().orElseThrow();
    }
}
