package io.vtgoconnect.callmanager.internal.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.TestLogs;
import io.vtgoconnect.callmanager.internal.calls.FakeSip;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.sipstack.DigestAlgorithm;
import io.vtgoconnect.sipstack.DigestChallenge;
import io.vtgoconnect.sipstack.DigestResponse;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registrar's digest, replay and expiry rules and its kept bindings, with no socket. */
class RegistrarTest {
    private static final String REALM = "vtgoconnect";
    private final FakeSip sip = new FakeSip();
    private final TestLogs logs = new TestLogs();
    private final Directory directory = new Directory();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> registered = new ArrayList<>();
    private int sequence;
    /** Where the REGISTERs say the line is reached. */
    private String contactHost = "127.0.0.1";

    RegistrarTest() {
        directory.add(line("2001", Map.of("_password", "secret-2001")));
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        DigestAlgorithm sha = DigestAlgorithm.SHA_256;
        directory.add(line("2002", Map.of("_ha1_md5", md5.hash("2002:" + REALM + ":secret-2002"),
                "_ha1_sha256", sha.hash("2002:" + REALM + ":secret-2002"))));
    }

    private static DirectoryLine line(String number, Map<String, Object> secrets) {
        Map<String, Object> settings = new java.util.HashMap<>(secrets);
        settings.put("number", number);
        return new DirectoryLine(ConfigAnnotations.of(DirectoryLine.Settings.class, settings));
    }

    private Registrar registrar(BindingStore store, String... algorithms) {
        Authenticator authenticator = new Authenticator(sip.parts, directory, REALM, Authenticator.algorithms(algorithms),
                new Nonces(Authenticator.NONCE_MILLIS, now::get));
        return new Registrar(sip.parts, directory, authenticator, 3600, store, now::get, registered::add);
    }

    /** A REGISTER of the line, new Call-ID, branch and CSeq each time, with the Authorization given (or none). */
    private Request register(String number, int expires, String authorization) throws Exception {
        sequence++;
        List<String> headers = new ArrayList<>(List.of("REGISTER sip:127.0.0.1:5060 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + sequence, "From: <sip:" + number + "@127.0.0.1>;tag=f" + sequence,
                "To: <sip:" + number + "@127.0.0.1>", "Call-ID: register-" + sequence, "CSeq: " + sequence + " REGISTER",
                "Contact: <sip:" + number + "@" + contactHost + ":5070>", "Expires: " + expires, "Max-Forwards: 70"));
        if (authorization != null) {
            headers.add("Authorization: " + authorization);
        }
        return sip.request("", headers.toArray(String[]::new));
    }

    /** Sends the line's REGISTER without credentials. @return the challenge offered first */
    private DigestChallenge challenged(Registrar registrar, String number, int expires) throws Exception {
        registrar.register(sip.received(register(number, expires, null)));
        Response challenge = sip.responses.get(sip.responses.size() - 1);
        assertEquals(401, challenge.getStatusCode());
        String value = challenge.getHeader(WWWAuthenticateHeader.NAME).toString();
        return DigestChallenge.parse(value.substring(value.indexOf(':') + 1)).orElseThrow();
    }

    /** An Authorization answering the challenge with the password, for a REGISTER to {@code uri}. */
    private static String answer(DigestChallenge challenge, String number, String password, String uri, String cnonce) {
        return DigestResponse.headerValue(challenge, number, challenge.algorithm().ha1(number, challenge.realm(), password),
                Request.REGISTER, uri, cnonce);
    }

    /** Registers the line: challenged first, then answers the first challenge offered with the password. @return the Authorization sent */
    private String registerWithPassword(Registrar registrar, String number, String password, int expires) throws Exception {
        String authorization = answer(challenged(registrar, number, expires), number, password, "sip:127.0.0.1:5060",
                "cnonce" + sequence);
        registrar.register(sip.received(register(number, expires, authorization)));
        return authorization;
    }

    @Test
    void aLineRegistersWithItsPasswordAndAReplayedAuthorizationIsRefusedEvenToUnregister() throws Exception {
        Registrar registrar = registrar(BindingStore.NONE, "SHA-256", "MD5");
        String authorization = registerWithPassword(registrar, "2001", "secret-2001", 600);
        assertEquals(List.of(401, 200), sip.statuses());
        assertEquals(1, registrar.contacts("2001").size());
        assertEquals(List.of("2001"), registered);

        // The same Authorization with a new Call-ID, branch and CSeq, asking to unregister: refused.
        registrar.register(sip.received(register("2001", 0, authorization)));
        assertEquals(401, sip.statuses().get(2));
        assertEquals(1, registrar.contacts("2001").size());
    }

    @Test
    void aContactAtAnIpv6AddressIsBoundAndOneAtAHostNameIsRefused() throws Exception {
        Registrar registrar = registrar(BindingStore.NONE, "SHA-256", "MD5");
        contactHost = "[::1]";
        registerWithPassword(registrar, "2001", "secret-2001", 600);
        assertEquals(List.of(401, 200), sip.statuses());
        assertEquals("sip:2001@[::1]:5070", registrar.contacts("2001").get(0).contact().toString());

        // Called back as it is, a name would need a resolver, which the server never uses.
        contactHost = "phone.example.test";
        registerWithPassword(registrar, "2002", "secret-2002", 600);
        assertEquals(List.of(401, 200, 401, 400), sip.statuses());
        assertTrue(registrar.contacts("2002").isEmpty());
    }

    @Test
    void aWrongPasswordOrAnotherLinesNameIsRefused() throws Exception {
        Registrar registrar = registrar(BindingStore.NONE, "MD5");
        registerWithPassword(registrar, "2001", "wrong", 600);
        assertEquals(List.of(401, 401), sip.statuses());
        assertTrue(registrar.all().isEmpty());
    }

    @Test
    void anAnswerMadeForAnotherRequestUriIsRefused() throws Exception {
        Registrar registrar = registrar(BindingStore.NONE, "MD5");
        // Right password, realm and nonce, for a REGISTER sent to another server.
        String elsewhere = answer(challenged(registrar, "2001", 600), "2001", "secret-2001", "sip:10.0.0.9:5060", "elsewhere");
        registrar.register(sip.received(register("2001", 600, elsewhere)));
        assertEquals(List.of(401, 401), sip.statuses());
        assertTrue(registrar.all().isEmpty());
        registerWithPassword(registrar, "2001", "secret-2001", 600);
        assertEquals(200, sip.statuses().get(3));
    }

    @Test
    void aLineConfiguredWithItsHa1sOnlyRegistersWithEitherAlgorithm() throws Exception {
        registerWithPassword(registrar(BindingStore.NONE, "SHA-256"), "2002", "secret-2002", 600);
        registerWithPassword(registrar(BindingStore.NONE, "MD5"), "2002", "secret-2002", 600);
        assertEquals(List.of(401, 200, 401, 200), sip.statuses());
    }

    @Test
    void anExpiredNonceIsStaleAndTheLineRegistersWithTheNextChallenge() throws Exception {
        Registrar registrar = registrar(BindingStore.NONE, "MD5");
        DigestChallenge challenge = challenged(registrar, "2001", 600);
        now.addAndGet(Authenticator.NONCE_MILLIS);
        registrar.register(sip.received(register("2001", 600, answer(challenge, "2001", "secret-2001", "sip:127.0.0.1:5060",
                "late"))));
        assertEquals(401, sip.statuses().get(1));
        assertTrue(sip.responses.get(1).getHeader(WWWAuthenticateHeader.NAME).toString().contains("stale=true"));
        registerWithPassword(registrar, "2001", "secret-2001", 600);
        assertEquals(200, sip.statuses().get(3));
    }

    @Test
    void bindingsOutliveTheRegistrarAndExpireAsThenSaid(@TempDir Path folder) throws Exception {
        BindingStore store = BindingStore.in(folder.resolve("registrations.txt"), logs.factory().getLogger(BindingStore.class));
        registerWithPassword(registrar(store, "MD5"), "2001", "secret-2001", 600);
        registerWithPassword(registrar(store, "MD5"), "2002", "secret-2002", 60);

        Registrar restarted = registrar(store, "MD5");
        assertEquals("sip:2001@127.0.0.1:5070", restarted.contacts("2001").get(0).contact().toString());
        assertEquals(600, restarted.contacts("2001").get(0).secondsLeft(now.get()));
        now.addAndGet(61_000);
        assertTrue(restarted.contacts("2002").isEmpty());
        assertEquals(1, restarted.all().size());
        assertTrue(logs.lines().isEmpty(), logs.lines().toString());
    }
}
