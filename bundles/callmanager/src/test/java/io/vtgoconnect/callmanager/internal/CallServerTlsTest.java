package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.TestCa;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server takes SIP over TLS on its TLS port, serving the certificate of its key store (of
 * a CA made for the test): our phones, trusting that CA, register over TLS and call each other through
 * it, reached back over the connections they opened.
 */
class CallServerTlsTest {
    private static final String KEY_STORE_PASSWORD = "key-store-password";
    private static final String TRUST_STORE_PASSWORD = "trust-store-password";

    @TempDir
    Path certificates;
    private TestCa ca;
    private EmbeddedServer server;
    private int tlsPort;

    @BeforeEach
    void makeCa() {
        ca = new TestCa(certificates, "VTGOConnect-Test-CA");
        tlsPort = FreePorts.udpAndTcp();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Path passwordFile(String name, String password) throws IOException {
        return Files.writeString(certificates.resolve(name + ".password"), password + "\n");
    }

    private void startServer(String keyStorePassword) throws Exception {
        Path keyStore = ca.keyStore(ca.issue("callmanager", "127.0.0.1"), certificates.resolve("callmanager.p12"),
                KEY_STORE_PASSWORD.toCharArray());
        server = new EmbeddedServer("sip_tls_port", tlsPort, "tls_keystore", keyStore.toString(),
                "tls_keystore_password_file", passwordFile("callmanager", keyStorePassword).toString());
    }

    private RegisteredPhone tlsPhone(String number) throws IOException {
        Path trustStore = ca.trustStore(certificates.resolve(number + "-trust.p12"), TRUST_STORE_PASSWORD.toCharArray());
        return new RegisteredPhone(number, EmbeddedServer.password(number), "127.0.0.1:" + tlsPort,
                new Object[] {"transport", SipTransportKind.TLS},
                "sip_tls_port", FreePorts.udpAndTcp(), "tls_truststore", trustStore.toString(),
                "tls_truststore_password_file", passwordFile(number, TRUST_STORE_PASSWORD).toString());
    }

    @Test
    void phonesRegisterOverTlsAndCallEachOtherWithAudioBothWays() throws Exception {
        startServer(KEY_STORE_PASSWORD);
        try (RegisteredPhone a = tlsPhone("2001"); RegisteredPhone b = tlsPhone("2002")) {
            CallRef[] call = a.callAndAnswer(b);
            CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays);
            CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays);

            b.phone.hangUp(call[1]);
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[0]));
        }
    }

    @Test
    void aKeyStoreUnderAnotherPasswordKeepsTheServerDownNamingTheFileButNotThePassword() {
        String wrongPassword = "not-" + KEY_STORE_PASSWORD;

        Exception refused = assertThrows(Exception.class, () -> startServer(wrongPassword));

        assertTrue(refused.getMessage().contains("callmanager.p12 cannot be read"), refused.getMessage());
        assertFalse(refused.getMessage().contains(wrongPassword), refused.getMessage());
    }
}
