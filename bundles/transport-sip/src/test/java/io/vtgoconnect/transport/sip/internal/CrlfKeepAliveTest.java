package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.ConnectionKeepAlive;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.TestCa;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and TCP lines keep their connection to Kamailio alive with RFC 5626 pings (CRLFCRLF), which
 * Kamailio answers with a pong (CRLF) on the same connection; a connection without a pong in time,
 * or lost, is noticed, and the line registers again once Kamailio answers again.
 */
class CrlfKeepAliveTest {
    /** Registering again backs off up to 16 s while Kamailio does not answer. */
    private static final Duration REREGISTERED = Duration.ofSeconds(60);

    @TempDir
    Path certificates;
    private Kamailio kamailio;
    private SipSoftphone phone;

    @AfterEach
    void stopAll() {
        if (phone != null) {
            phone.stop();
        }
        kamailio.close();
    }

    private RecordingListener register(int registrarPort, SipTransportKind transport, Object... phoneSettings) {
        RecordingListener events = new RecordingListener();
        phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), phoneSettings), TestLogs.FACTORY);
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), "127.0.0.1:" + registrarPort,
                "transport", transport, "keepalive_interval", 1));
        phone.start(events);
        events.await(CallManagerConnected.class);
        return events;
    }

    /**
     * Two keep-alives in a row, each a ping whose pong came back in time: the registered connection
     * is kept, not lost. (A first registration that failed while the server started is the phone's
     * retry at work, not what this checks.)
     */
    private static void keptAliveTwice(RecordingListener events) {
        int registered = events.size();
        events.await(ConnectionKeepAlive.class);
        events.await(ConnectionKeepAlive.class);
        assertTrue(events.lines(registered).stream().noneMatch(line -> line.contains("Disconnected from CallManager")),
                () -> events.lines(0) + ", lost because: " + events.awaitSeen(CallManagerDisconnected.class, lost -> true).reason());
    }

    private RecordingListener registerOverTls(boolean answersPings) {
        TestCa ca = new TestCa(certificates, "VTGOConnect-Test-CA");
        kamailio = Kamailio.withTls(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(),
                ca.issue("kamailio", "127.0.0.1"), answersPings);
        Path trustStore = ca.trustStore(certificates.resolve("trust.p12"), "trust-pass".toCharArray());
        return register(kamailio.tlsPort, SipTransportKind.TLS, "sip_tls_port", FreePorts.udpAndTcp(),
                "tls_truststore", trustStore.toString(), "tls_truststore_password_file",
                Configs.passwordFile("trust-pass").toString());
    }

    @Test
    void aTlsLineIsKeptAliveAndNoticesAHungServerThenRegistersAgain() {
        RecordingListener events = registerOverTls(true);
        keptAliveTwice(events);

        kamailio.pause();
        CallManagerDisconnected lost;
        try {
            lost = events.await(CallManagerDisconnected.class);
        } finally {
            kamailio.resume();
        }

        // Its OPTIONS or its ping went unanswered, whichever was on the way when Kamailio hung.
        String server = "127.0.0.1:" + kamailio.tlsPort;
        assertTrue(lost.reason().equals("line 2001: keep-alive failed: no answer from " + server + " within 500 ms")
                || lost.reason().equals("line 2001: keep-alive failed: no pong from " + server + " within 4000 ms"),
                lost.reason());
        events.await(CallManagerConnected.class, connected -> true, REREGISTERED);
    }

    @Test
    void aTlsConnectionWhosePingsGetNoPongIsDropped() {
        RecordingListener events = registerOverTls(false);

        CallManagerDisconnected lost = events.await(CallManagerDisconnected.class);

        assertEquals("line 2001: keep-alive failed: no pong from 127.0.0.1:" + kamailio.tlsPort + " within 4000 ms",
                lost.reason());
        assertTrue(events.lines(0).stream().noneMatch(line -> line.equals("Event : ConnectionKeepAlive")),
                events.lines(0).toString());
    }

    @Test
    void aLostTcpConnectionIsNoticedAtTheNextPingAndTheLineRegistersAgain() {
        kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
        RecordingListener events = register(kamailio.port, SipTransportKind.TCP);
        keptAliveTwice(events);

        kamailio.stop();
        CallManagerDisconnected lost = events.await(CallManagerDisconnected.class);
        kamailio.start();

        assertTrue(lost.reason().startsWith("line 2001: keep-alive failed: cannot send to sip:127.0.0.1:" + kamailio.port
                + ";transport=tcp: "), lost.reason());
        events.await(CallManagerConnected.class, connected -> true, REREGISTERED);
    }
}
