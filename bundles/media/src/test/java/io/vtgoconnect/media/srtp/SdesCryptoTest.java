package io.vtgoconnect.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdesCryptoTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void readsRfc4568sExampleLine() {
        // RFC 4568 section 9.1's example, with its lifetime and MKI.
        SdesCrypto line = SdesCrypto.parse(
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4");
        assertEquals(1, line.tag());
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, line.suite());
        assertEquals(1L << 20, line.lifetime());
        assertEquals("1:4", line.keyIndex());
        assertEquals("3d2d6e40255e7821426a75667239293f", HexFormat.of().formatHex(line.key().key()));
        assertEquals("2c2335685c603d265d7b71695051", HexFormat.of().formatHex(line.key().salt()));
        assertFalse(line.supported(), "an MKI is not used here");
        assertEquals("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048576|1:4",
                line.attributeValue());
    }

    @Test
    void anOfferHasOneFreshKeyPerSuiteAndTheAnswerTakesTheOffersFirstAcceptableLine() {
        List<SdesCrypto> offer = SdesCrypto.offer(
                List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32), RANDOM);
        assertEquals(2, offer.size());
        assertEquals(2, offer.get(1).tag());
        assertNotEquals(offer.get(0).key(), offer.get(1).key());
        SdesCrypto read = SdesCrypto.parse(offer.get(1).sdpLine());
        assertEquals(offer.get(1).key(), read.key());
        assertTrue(read.supported());

        SdesCrypto chosen = SdesCrypto.choose(offer, List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_32)).orElseThrow();
        assertEquals(2, chosen.tag());
        SdesCrypto answer = chosen.answer(RANDOM);
        assertEquals(2, answer.tag());
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32, answer.suite());
        assertNotEquals(chosen.key(), answer.key(), "the answerer sends with a key of its own");

        SrtpKeys offerer = SrtpKeys.of(chosen, answer);
        SrtpKeys answerer = SrtpKeys.of(answer, chosen);
        assertEquals(offerer.send(), answerer.receive());
        assertEquals(offerer.receive(), answerer.send());
    }

    @Test
    void linesThisEndCannotHonourAreNeverChosen() {
        SdesCrypto withParameter = SdesCrypto.parse(
                "2 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz UNENCRYPTED_SRTP");
        SdesCrypto unknownSuiteless = SdesCrypto.parse(
                "3 AES_CM_128_HMAC_SHA1_32 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        assertEquals(List.of("UNENCRYPTED_SRTP"), withParameter.sessionParameters());
        assertEquals(3, SdesCrypto.choose(List.of(withParameter, unknownSuiteless),
                List.of(SrtpSuite.values())).orElseThrow().tag());
        assertTrue(SdesCrypto.choose(List.of(withParameter), List.of(SrtpSuite.values())).isEmpty());
    }

    @Test
    void garbageGetsOnePlainSentenceAndNeverTheKey() {
        String key = "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
        for (String garbage : List.of("", "1", "x AES_CM_128_HMAC_SHA1_80 " + key, "1 AES_256_CM_HMAC_SHA1_80 " + key,
                "1 AES_CM_128_HMAC_SHA1_80 inline:short", "1 AES_CM_128_HMAC_SHA1_80 inline:@@@@",
                "1 AES_CM_128_HMAC_SHA1_80 uri:https://example.invalid/key", "1 AES_CM_128_HMAC_SHA1_80 " + key + "|2^99",
                "1 AES_CM_128_HMAC_SHA1_80 " + key + "|x:y", "1234567890 AES_CM_128_HMAC_SHA1_80 " + key,
                "1 AES_CM_128_HMAC_SHA1_80 " + key + "|1|2|3", "1 " + "A".repeat(600))) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> SdesCrypto.parse(garbage), garbage);
            assertFalse(refusal.getMessage().contains("PS1uQCVee"), refusal.getMessage());
            assertFalse(refusal.getMessage().isBlank());
        }
        SdesCrypto line = SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 " + key);
        assertFalse(line.toString().contains("PS1uQ"), "toString hides the key");
        assertFalse(SrtpKeys.of(line, line).toString().contains("PS1uQ"));
    }
}
