package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.ConnectionKeepAlive;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration with digest auth at a real Kamailio, on loopback. */
class RegistrationTest {
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private SipSoftphone phone;

    @AfterEach
    void stopAll() {
        if (phone != null) {
            phone.stop();
        }
        kamailio.close();
    }

    private RecordingListener start(ConfiguredLine line) {
        phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp()), TestLogs.FACTORY);
        phone.addLine(line);
        RecordingListener listener = new RecordingListener();
        phone.start(listener);
        return listener;
    }

    @Test
    void registersRefreshesAndKeepsAliveOverUdp() {
        RecordingListener listener = start(Configs.line("2001", Kamailio.password("2001"), kamailio.port,
                "expiry", 2, "keepalive_interval", 1));

        listener.await(CallManagerConnected.class);
        listener.await(ConnectionKeepAlive.class);
        listener.await(ConnectionKeepAlive.class);

        // Refreshed each second (half of 2 s) for three seconds, and never lost meanwhile.
        assertTrue(listener.lines(0).stream().noneMatch(line -> line.contains("Disconnected from CallManager")));
        phone.stop();
        phone = null;
        listener.await(CallManagerDisconnected.class, event -> event.reason().equals("unregistered"));
        listener.await(SoftphoneDisconnected.class);
    }

    @Test
    void registersOverTcp() {
        RecordingListener listener = start(Configs.line("2002", Kamailio.password("2002"), kamailio.port,
                "transport", SipTransportKind.TCP));

        listener.await(CallManagerConnected.class);
    }

    @Test
    void answersASha256ChallengeOfRfc8760() {
        try (Kamailio sha256 = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "SHA-256")) {
            RecordingListener listener = start(Configs.line("2003", Kamailio.password("2003"), sha256.port));

            listener.await(CallManagerConnected.class);
        }
    }

    @Test
    void wrongPasswordIsDisconnectedWithTheReason() {
        RecordingListener listener = start(Configs.line("2001", "not-the-password", kamailio.port));

        CallManagerDisconnected refused = listener.await(CallManagerDisconnected.class);

        assertTrue(refused.reason().contains("401"), refused.reason());
        assertFalse(refused.reason().contains("not-the-password"), refused.reason());
    }

    @Test
    void registrarStoppedAndRestartedIsDisconnectedThenConnectedAgain() {
        RecordingListener listener = start(Configs.line("2001", Kamailio.password("2001"), kamailio.port,
                "keepalive_interval", 1));
        listener.await(CallManagerConnected.class);

        kamailio.stop();
        CallManagerDisconnected lost = listener.await(CallManagerDisconnected.class);
        kamailio.start();

        // The retries back off up to a minute apart: the registration is back by the next one.
        listener.await(CallManagerConnected.class, connected -> true, Duration.ofSeconds(75));
        assertTrue(lost.reason().contains("keep-alive"), lost.reason());
    }

    @Test
    void aRegistrarRestartedBetweenTwoKeepAlivesThatLostTheLineIsNoticedAtTheNextOneAndTheLineRegistersAgain() {
        // Kamailio restarts between two keep-alives, 8 to 10 s apart.
        int keepAliveSeconds = 10;
        Duration keepAliveAndMargin = Duration.ofSeconds(keepAliveSeconds + 5);
        RecordingListener listener = start(Configs.line("2001", Kamailio.password("2001"), kamailio.port,
                "keepalive_interval", keepAliveSeconds));
        listener.await(CallManagerConnected.class);
        listener.await(ConnectionKeepAlive.class, kept -> true, keepAliveAndMargin);

        // Kamailio keeps its registrations in memory only: restarted, it has lost the line, and answers at once.
        kamailio.restart();

        CallManagerDisconnected lost = listener.await(CallManagerDisconnected.class, event -> true, keepAliveAndMargin);
        assertTrue(lost.reason().contains("no longer knows the line (404"), () -> lost.reason() + "; " + kamailio.state());
        listener.await(CallManagerConnected.class, connected -> true, Duration.ofSeconds(10));
        listener.await(ConnectionKeepAlive.class, kept -> true, keepAliveAndMargin);
    }

    @Test
    void aLineConfiguredAnewWithItsPasswordRegistersWhileThePhoneRuns() {
        ConfiguredLine wrong = Configs.line("2001", "not-the-password", kamailio.port);
        RecordingListener listener = start(wrong);
        listener.await(CallManagerDisconnected.class, event -> event.reason().contains("401"));

        // As DS hands over a changed factory configuration: the old line goes, the new one comes.
        phone.removeLine(wrong);
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));

        listener.await(CallManagerConnected.class);
    }

    @Test
    void aLineMovedToAnotherRegistrarWhileThePhoneRunsRegistersThereAndLeavesTheFirst() {
        try (Kamailio other = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5")) {
            ConfiguredLine first = Configs.line("2001", Kamailio.password("2001"), kamailio.port, "keepalive_interval", 1);
            RecordingListener listener = start(first);
            listener.await(CallManagerConnected.class);

            phone.removeLine(first);
            phone.addLine(Configs.line("2001", Kamailio.password("2001"), other.port, "keepalive_interval", 1));

            listener.await(CallManagerDisconnected.class, event -> event.reason().equals("line 2001: its configuration changed"));
            listener.await(CallManagerConnected.class);
            // Only the other registrar answers from now on: the keep-alives go on without the first.
            kamailio.stop();
            listener.await(ConnectionKeepAlive.class);
            listener.await(ConnectionKeepAlive.class);
            listener.await(ConnectionKeepAlive.class);
            assertTrue(listener.lines(0).stream().filter(line -> line.contains("Disconnected from CallManager")).count() == 1,
                    listener.lines(0)::toString);
        }
    }
}
