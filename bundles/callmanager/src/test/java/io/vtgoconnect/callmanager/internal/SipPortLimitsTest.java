package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.SilentConnections;
import org.junit.jupiter.api.Test;

/** The call server's TCP limits are its settings: a changed value holds on its SIP port. */
class SipPortLimitsTest {

    @Test
    void aServerWithShorterTcpLimitsClosesSilentConnectionsSoonerAndKeepsFewerOpen() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer("sip_tcp_first_message_timeout", 1, "sip_tcp_connections", 3);
                SilentConnections silent = new SilentConnections(server.sipPort, 5)) {
            // Connections 0 and 1 made room for 3 and 4, at once; the rest go after the first-message time of 1 s, not 10.
            for (int evicted = 0; evicted < 2; evicted++) {
                assertTrue(silent.closedAfterMillis(evicted, 1000) >= 0, "connection " + evicted + " still open with 3 more after it");
            }
            for (int waited = 2; waited < 5; waited++) {
                long millis = silent.closedAfterMillis(waited, 5000);
                System.out.printf("Call server sip.tcp.first.message.timeout=1: silent connection closed after %d ms%n", millis);
                assertTrue(millis >= 900, "connection " + waited + " closed after " + millis + " ms");
            }
        }
    }
}
