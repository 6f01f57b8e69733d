package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.SilentConnections;
import org.junit.jupiter.api.Test;

/** The phone's TCP limits are its settings: a changed value holds on its SIP port. */
class PhoneTcpLimitsTest {

    /** A line whose registrar never answers: the phone runs, unregistered. */
    private static ConfiguredLine unanswered() {
        return Configs.line("2001", "secret-2001", FreePorts.udpAndTcp());
    }

    @Test
    void aPhoneWithShorterTcpLimitsClosesSilentConnectionsSoonerAndKeepsFewerOpen() throws Exception {
        int sipPort = FreePorts.udpAndTcp();
        SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort, "sip_tcp_first_message_timeout", 1,
                "sip_tcp_connections", 3), TestLogs.FACTORY);
        phone.addLine(unanswered());
        phone.start(new RecordingListener());
        try (SilentConnections silent = new SilentConnections(sipPort, 5)) {
            // Connections 0 and 1 made room for 3 and 4, at once; the rest go after the first-message time of 1 s, not 10.
            for (int evicted = 0; evicted < 2; evicted++) {
                long millis = silent.closedAfterMillis(evicted, 1000);
                assertTrue(millis >= 0, "connection " + evicted + " still open with 3 more after it");
            }
            for (int waited = 2; waited < 5; waited++) {
                long millis = silent.closedAfterMillis(waited, 5000);
                System.out.printf("Phone sip.tcp.first.message.timeout=1: silent connection closed after %d ms%n", millis);
                assertTrue(millis >= 900, "connection " + waited + " closed after " + millis + " ms");
            }
        } finally {
            phone.stop();
        }
    }

    @Test
    void aTcpLimitBelowOneIsRefusedWithTheSettingsNamed() {
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "sip_tcp_idle_timeout", 0),
                TestLogs.FACTORY);
        phone.addLine(unanswered());
        CommandException refused = assertThrows(CommandException.class, () -> phone.start(new RecordingListener()));
        assertTrue(refused.getMessage().contains("sip.tcp.idle.timeout"), refused.getMessage());
        phone.stop();
    }
}
