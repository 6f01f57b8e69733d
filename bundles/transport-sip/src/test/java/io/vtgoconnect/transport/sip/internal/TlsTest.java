package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.sipstack.SrtpMode;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phones register with Kamailio over TLS (its tls module, serving a certificate of a CA made for
 * the test) and call each other through it: SIP over TLS, audio in SRTP. A phone is not registered,
 * and says why, when the certificate is of a CA it does not trust, names another address, or has
 * expired.
 */
class TlsTest {
    private static final int TONE = 1000;
    private static final String TRUST_STORE_PASSWORD = "trust-store-password";
    private static final String KEY_STORE_PASSWORD = "key-store-password";

    @TempDir
    Path certificates;
    @TempDir
    Path recordings;
    private TestCa ca;
    private Kamailio kamailio;
    private final List<SipSoftphone> phones = new ArrayList<>();

    @BeforeEach
    void makeCa() {
        ca = new TestCa(certificates, "VTGOConnect-Test-CA");
    }

    @AfterEach
    void stopAll() {
        phones.forEach(SipSoftphone::stop);
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private void startKamailio(TestCa.Issued certificate) {
        kamailio = Kamailio.withTls(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), certificate);
    }

    private SipSoftphone phone(String number, TestCa trusted, RecordingListener events, int rtpPortMin, Object... settings) {
        return phone(Configs.line(number, Kamailio.password(number), "127.0.0.1:" + kamailio.tlsPort,
                "transport", SipTransportKind.TLS, "srtp", SrtpMode.MANDATORY), trusted, events, rtpPortMin, settings);
    }

    private SipSoftphone phone(ConfiguredLine line, TestCa trusted, RecordingListener events, int rtpPortMin,
            Object... settings) {
        String number = line.line().number();
        Path trustStore = trusted.trustStore(certificates.resolve(number + "-trust.p12"), TRUST_STORE_PASSWORD.toCharArray());
        List<Object> all = new ArrayList<>(List.of(settings));
        all.addAll(List.of("sip_tls_port", FreePorts.udpAndTcp(), "tls_truststore", trustStore.toString(),
                "tls_truststore_password_file", Configs.passwordFile(TRUST_STORE_PASSWORD).toString(),
                "rtp_port_min", rtpPortMin, "rtp_port_max", rtpPortMin + 998));
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), all.toArray()), TestLogs.FACTORY);
        phones.add(phone);
        phone.addLine(line);
        phone.start(events);
        return phone;
    }

    @Test
    void twoPhonesRegisterOverTlsAndTalkThroughKamailio() throws Exception {
        startKamailio(ca.issue("kamailio", "127.0.0.1"));
        RecordingListener callerEvents = new RecordingListener();
        RecordingListener calleeEvents = new RecordingListener();
        SipSoftphone caller = phone("2001", ca, callerEvents, 16000, "media_source", "tone:" + TONE);
        SipSoftphone callee = phone("2002", ca, calleeEvents, 17000, "recording_folder", recordings.toString());
        callerEvents.await(CallManagerConnected.class);
        calleeEvents.await(CallManagerConnected.class);

        TalkedCall call = TalkedCall.between(caller, callerEvents, callee, calleeEvents, "2002");
        CallStatsUpdate stats = call.callerStats();

        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertTrue(ToneMeter.of(recordings.resolve("call-" + call.calleeCall() + ".wav")).somewhereHolds(200, 0.8, TONE),
                "the callee heard the caller's 1 kHz tone");
    }

    @Test
    void linesWhoseRegistrarIsASipsUriRegisterAndTalkOverTlsWithSipsAddressesOnly() throws Exception {
        kamailio = Kamailio.withSipsOnly(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(),
                ca.issue("kamailio", "127.0.0.1"));
        RecordingListener callerEvents = new RecordingListener();
        RecordingListener calleeEvents = new RecordingListener();
        // No transport setting: sips: alone says TLS.
        SipSoftphone caller = phone(sipsLine("2001"), ca, callerEvents, 16000, "media_source", "tone:" + TONE);
        SipSoftphone callee = phone(sipsLine("2002"), ca, calleeEvents, 17000, "recording_folder", recordings.toString());
        callerEvents.await(CallManagerConnected.class);
        calleeEvents.await(CallManagerConnected.class);

        TalkedCall call = TalkedCall.between(caller, callerEvents, callee, calleeEvents, "2002");

        assertTrue(ToneMeter.of(recordings.resolve("call-" + call.calleeCall() + ".wav")).somewhereHolds(200, 0.8, TONE),
                "the callee heard the caller's 1 kHz tone");
    }

    private ConfiguredLine sipsLine(String number) {
        return Configs.line(number, Kamailio.password(number), "sips:127.0.0.1:" + kamailio.tlsPort);
    }

    @Test
    void aCertificateOfAnUntrustedCaFailsTheRegistrationWithTheReason() {
        startKamailio(ca.issue("kamailio", "127.0.0.1"));

        String reason = refusedRegistration(new TestCa(certificates, "Some-Other-CA"));

        assertTrue(reason.contains("the call server's TLS certificate is issued by an unknown CA (CN=VTGOConnect-Test-CA)"),
                reason);
    }

    @Test
    void aCertificateNamingAnotherAddressFailsTheRegistrationWithTheReason() {
        startKamailio(ca.issue("kamailio", "127.0.0.2"));

        String reason = refusedRegistration(ca);

        assertTrue(reason.contains("the call server's TLS certificate does not name 127.0.0.1 (host name mismatch)"), reason);
    }

    @Test
    void anExpiredCertificateFailsTheRegistrationWithTheReason() {
        startKamailio(ca.issueExpired("kamailio", "127.0.0.1"));

        String reason = refusedRegistration(ca);

        assertTrue(reason.contains("the call server's TLS certificate CN=127.0.0.1 expired on 2020-01-02T00:00:00Z"), reason);
    }

    @Test
    void aPhonePresentingItsCertificateRegistersWithKamailioRequiringOne() {
        kamailio = Kamailio.withTlsClientCertificates(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(),
                ca.issue("kamailio", "127.0.0.1"), ca);
        Path keyStore = ca.keyStore(ca.issue("phone-2001", "127.0.0.1"), certificates.resolve("2001-key.p12"),
                KEY_STORE_PASSWORD.toCharArray());
        RecordingListener events = new RecordingListener();

        phone("2001", ca, events, 16000, "tls_keystore", keyStore.toString(),
                "tls_keystore_password_file", Configs.passwordFile(KEY_STORE_PASSWORD).toString());

        events.await(CallManagerConnected.class);
    }

    @Test
    void aPhoneWithoutACertificateIsRefusedByKamailioRequiringOneWithTheReason() {
        kamailio = Kamailio.withTlsClientCertificates(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(),
                ca.issue("kamailio", "127.0.0.1"), ca);

        String reason = refusedRegistration(ca);

        assertTrue(reason.contains("the call server asks for a TLS client certificate, and the phone has none (tls.keystore)"),
                reason);
    }

    @Test
    void aKeyStoreUnderAnotherPasswordStopsThePhoneNamingTheFileButNotThePassword() {
        startKamailio(ca.issue("kamailio", "127.0.0.1"));
        Path keyStore = ca.keyStore(ca.issue("phone-2001", "127.0.0.1"), certificates.resolve("2001-key.p12"),
                KEY_STORE_PASSWORD.toCharArray());
        String wrongPassword = "not-" + KEY_STORE_PASSWORD;

        CommandException refused = assertThrows(CommandException.class, () -> phone("2001", ca, new RecordingListener(),
                16000, "tls_keystore", keyStore.toString(),
                "tls_keystore_password_file", Configs.passwordFile(wrongPassword).toString()));

        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertTrue(refused.getMessage().contains("The TLS key store " + keyStore + " cannot be read"), refused.getMessage());
        assertFalse(refused.getMessage().contains(wrongPassword), refused.getMessage());
    }

    /** The reason a phone trusting the CA gives for not being registered; it prints no stack trace. */
    private String refusedRegistration(TestCa trusted) {
        RecordingListener events = new RecordingListener();
        PrintStream standardError = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        CallManagerDisconnected refused;
        try {
            phone("2001", trusted, events, 16000);
            refused = events.await(CallManagerDisconnected.class);
        } finally {
            System.setErr(standardError);
        }
        String errors = printed.toString(StandardCharsets.UTF_8);
        standardError.print(errors);
        assertFalse(errors.contains("\tat ") || errors.contains("Exception"), errors);
        assertFalse(refused.reason().contains(TRUST_STORE_PASSWORD), refused.reason());
        assertTrue(events.lines(0).stream().noneMatch(line -> line.contains("Connected to CallManager")));
        return refused.reason();
    }
}
