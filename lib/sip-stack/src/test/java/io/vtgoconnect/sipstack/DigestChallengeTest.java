package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {
    @Test
    void readsQuotedValuesWithCommasAndTheDefaultAlgorithm() {
        DigestChallenge challenge = DigestChallenge.parse(" Digest realm=\"a, b\", nonce=\"n1\",qop=\"auth-int,auth\", stale=TRUE")
                .orElseThrow();

        assertEquals(new DigestChallenge("a, b", "n1", null, DigestAlgorithm.MD5, true, true), challenge);
    }

    @Test
    void readsSha256AndUnquotedValues() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=r, nonce=n, algorithm=SHA-256, opaque=\"o\"").orElseThrow();

        assertEquals(new DigestChallenge("r", "n", "o", DigestAlgorithm.SHA_256, false, false), challenge);
    }

    @Test
    void refusesOtherSchemesAndUnknownAlgorithms() {
        assertEquals(Optional.empty(), DigestChallenge.parse("Basic realm=\"r\""));
        assertEquals(Optional.empty(), DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256"));
        assertTrue(DigestChallenge.parse("Digest realm=\"r\"").isEmpty(), "a challenge without nonce cannot be answered");
    }
}
