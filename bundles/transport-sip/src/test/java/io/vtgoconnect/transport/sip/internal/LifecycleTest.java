package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.testing.peers.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RunProgram and ExitProgram: what starting reports, why it fails, and that stopping leaves nothing behind. */
class LifecycleTest {
    /** A registrar port where nothing listens: registration simply goes unanswered. */
    private final int silentRegistrar = FreePorts.udpAndTcp();

    private SipSoftphone phone(int sipPort, ConfiguredLine... lines) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort, "speed_dials", new String[] {"2004|Reception", "9000"}), TestLogs.FACTORY);
        for (ConfiguredLine line : lines) {
            phone.addLine(line);
        }
        return phone;
    }

    @Test
    void startReportsLinesSpeedDialsAndConnected() {
        int port = FreePorts.udpAndTcp();
        SipSoftphone phone = phone(port, Configs.line("2001", "pw", silentRegistrar, "label", "Main"),
                Configs.line("2301", "pw", silentRegistrar, "position", 2));
        RecordingListener listener = new RecordingListener();

        phone.start(listener);
        try {
            assertEquals(List.of(new LineConfig(1, "2001", "Main", 1), new LineConfig(2, "2301", "", 2)), listener.lines());
            assertEquals(List.of(new SpeedDialUpdate(1, "2004", "Reception", 3), new SpeedDialUpdate(2, "9000", "", 4)),
                    listener.speedDials());
            assertEquals(List.of("Event : Connected to softphone"), listener.lines(0));
            assertTrue(FreePorts.isBound(port));
        } finally {
            phone.stop();
        }
        listener.await(SoftphoneDisconnected.class);
        assertFalse(FreePorts.isBound(port));
    }

    @Test
    void noLineConfiguredIsPhoneNotFound() {
        CommandException refused = assertThrows(CommandException.class, () -> phone(FreePorts.udpAndTcp()).start(new RecordingListener()));
        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertTrue(refused.getMessage().startsWith("No line is configured"), refused.getMessage());
    }

    @Test
    void tooFewWaitingDatagramsIsPhoneNotFoundNamingTheSetting() {
        int port = FreePorts.udpAndTcp();
        SipSoftphone phone = new SipSoftphone(Configs.phone(port, "sip_max_waiting_datagrams", 3), TestLogs.FACTORY);
        phone.addLine(Configs.line("2001", "pw", silentRegistrar));

        CommandException refused = assertThrows(CommandException.class, () -> phone.start(new RecordingListener()));

        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertEquals("sip.max.waiting.datagrams is 3: at least 4 must be let wait.", refused.getMessage());
        assertFalse(FreePorts.isBound(port));
    }

    @Test
    void portInUseIsPhoneNotFoundAndLeavesNoThread() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Set<String> before = threadNames();
            SipSoftphone phone = phone(taken.getLocalPort(), Configs.line("2001", "pw", silentRegistrar));
            RecordingListener listener = new RecordingListener();

            CommandException refused = assertThrows(CommandException.class, () -> phone.start(listener));

            assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
            assertTrue(refused.getMessage().contains("is in use"), refused.getMessage());
            assertEquals(0, listener.size());
            assertEquals(before, threadNamesOnceBack(before));
        }
    }

    @Test
    void twentyStartStopCyclesLeaveNoThreadOrPort() {
        int port = FreePorts.udpAndTcp();
        SipSoftphone phone = phone(port, Configs.line("2001", "pw", silentRegistrar));
        phone.start(new RecordingListener());
        phone.stop();
        Set<String> before = threadNames();
        int threadsBefore = Thread.activeCount();

        for (int cycle = 0; cycle < 20; cycle++) {
            RecordingListener listener = new RecordingListener();
            phone.start(listener);
            listener.await(SoftphoneConnected.class);
            phone.stop();
            listener.await(SoftphoneDisconnected.class);
        }

        assertEquals(before, threadNamesOnceBack(before));
        assertEquals(threadsBefore, Thread.activeCount());
        assertFalse(FreePorts.isBound(port));
    }

    /** The threads, once they are those expected again; a stopped stack's timer thread ends a moment after it stopped. */
    private static Set<String> threadNamesOnceBack(Set<String> expected) {
        long deadline = System.nanoTime() + RecordingListener.TIMEOUT.toNanos();
        Set<String> now = threadNames();
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            now = threadNames();
        }
        return now;
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(thread -> thread.getName()).collect(Collectors.toSet());
    }
}
