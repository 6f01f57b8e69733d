package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A server reads what a client answered to its challenge, and checks it proves the password's HA1. */
class DigestCredentialsTest {
    private static DigestCredentials answered(String challenge, String password) {
        DigestChallenge parsed = DigestChallenge.parse(challenge).orElseThrow();
        String header = DigestResponse.headerValue(parsed, "2001", ha1(parsed.algorithm(), password), "REGISTER",
                "sip:127.0.0.1", "c0ffee");
        return DigestCredentials.parse(header).orElseThrow();
    }

    private static String ha1(DigestAlgorithm algorithm, String password) {
        return algorithm.ha1("2001", "vtgo", password);
    }

    @Test
    void theRightPasswordProvesItselfWithEachAlgorithmAndQop() {
        for (String challenge : new String[] {
            "Digest realm=\"vtgo\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"",
            "Digest realm=\"vtgo\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"",
            "Digest realm=\"vtgo\", nonce=\"n1\""}) {
            DigestCredentials credentials = answered(challenge, "secret-2001");
            DigestAlgorithm algorithm = credentials.algorithm();
            assertTrue(credentials.proves(ha1(algorithm, "secret-2001"), "REGISTER"), challenge);
            assertFalse(credentials.proves(ha1(algorithm, "wrong"), "REGISTER"), challenge);
            assertFalse(credentials.proves(ha1(algorithm, "secret-2001"), "INVITE"), challenge);
        }
    }

    @Test
    void somethingElseIsNoCredentials() {
        assertTrue(DigestCredentials.parse("Basic dXNlcjpwYXNz").isEmpty());
        assertTrue(DigestCredentials.parse("Digest username=\"a\", realm=\"b\"").isEmpty());
        assertTrue(DigestCredentials.parse("Digest username=\"a\", realm=\"b\", nonce=\"c\", uri=\"d\", response=\"e\", "
                + "algorithm=SHA-512-256").isEmpty());
    }
}
