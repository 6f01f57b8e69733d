package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.SilentConnections;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import org.junit.jupiter.api.Test;

/**
 * The call server's TCP limits are its settings: a changed value holds on its SIP port; and phones
 * whose requests reach it over TCP connections of their own (each message framed and held to the
 * size limit on its way in) register, call, hold and resume.
 */
class SipPortLimitsTest {

    @Test
    void phonesOverTcpCallEachOtherHoldAndResumeThroughTheServer() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer();
                RegisteredPhone a = new RegisteredPhone("2001", EmbeddedServer.password("2001"), "127.0.0.1:" + server.sipPort,
                        new Object[] {"transport", SipTransportKind.TCP});
                RegisteredPhone b = new RegisteredPhone("2002", EmbeddedServer.password("2002"), "127.0.0.1:" + server.sipPort,
                        new Object[] {"transport", SipTransportKind.TCP})) {
            CallRef[] call = a.callAndAnswer(b);
            CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays);
            a.phone.hold(call[0]);
            a.await(call[0], LineState.HOLD);
            a.phone.resume(call[0]);
            a.await(call[0], LineState.CONNECTED);
            CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays);
            a.phone.hangUp(call[0]);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[1]));
            b.await(LineState.IDLE);
        }
    }

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
