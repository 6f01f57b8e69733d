package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.srtp.SdesCrypto;
import io.vtgoconnect.media.srtp.SrtpKeys;
import io.vtgoconnect.media.srtp.SrtpSuite;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SRTP negotiated with SDES (RFC 4568) in offers and answers, for each mode of a line. */
class SdesNegotiationTest {
    private static final SrtpPolicy OPTIONAL = SrtpPolicy.of(SrtpMode.OPTIONAL);
    private static final SrtpPolicy MANDATORY = SrtpPolicy.of(SrtpMode.MANDATORY);

    private static SessionDescription ourOffer(SrtpPolicy srtp) {
        return SessionDescription.offer("127.0.0.1", 16000, List.of("PCMU"), MediaDirection.SENDRECV).secured(srtp);
    }

    /** A far end's offer, as text, read back. */
    private static SessionDescription farOffer(SrtpPolicy srtp) {
        return SessionDescription.parse(ourOffer(srtp).format(1, 1)).orElseThrow();
    }

    private static Optional<SessionDescription> answer(SessionDescription offer, SrtpPolicy srtp) {
        return SessionDescription.answer(offer, "127.0.0.1", 16002, List.of("PCMU"), MediaDirection.SENDRECV, srtp, List.of());
    }

    @Test
    void aMandatoryOfferIsSavpAndAnOptionalOneAvpEachWithAFreshKeyPerSuite() {
        SessionDescription mandatory = ourOffer(MANDATORY);
        SessionDescription optional = ourOffer(OPTIONAL);

        assertEquals("RTP/SAVP", mandatory.profile());
        assertEquals("RTP/AVP", optional.profile());
        assertEquals(List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32),
                mandatory.crypto().stream().map(SdesCrypto::suite).toList());
        assertEquals(List.of(1, 2), optional.crypto().stream().map(SdesCrypto::tag).toList());
        assertNotEquals(mandatory.crypto().get(0).key(), optional.crypto().get(0).key());
        assertTrue(mandatory.format(1, 1).contains("m=audio 16000 RTP/SAVP 0 101\r\n"));
        assertTrue(mandatory.format(1, 1).contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"));
        assertEquals(List.of(), ourOffer(SrtpPolicy.OFF).crypto());
    }

    @Test
    void anAnswerTakesTheFirstAcceptableLineWithAFreshKeyAndBothEndsAgreeOnTheKeys() {
        SessionDescription ours = ourOffer(OPTIONAL);
        SessionDescription offer = SessionDescription.parse(ours.format(1, 1)).orElseThrow();

        SessionDescription theirs = answer(offer, OPTIONAL).orElseThrow();
        SessionDescription theirsAsSent = SessionDescription.parse(theirs.format(2, 1)).orElseThrow();

        assertEquals("RTP/AVP", theirs.profile());
        assertEquals(1, theirs.crypto().size());
        assertEquals(1, theirs.crypto().get(0).tag());
        assertNotEquals(offer.crypto().get(0).key(), theirs.crypto().get(0).key());
        SrtpKeys answerer = MediaAgreement.reached(offer, theirs, false, SrtpMode.OPTIONAL).orElseThrow().srtp();
        SrtpKeys offerer = MediaAgreement.reached(ours, theirsAsSent, true, SrtpMode.OPTIONAL).orElseThrow().srtp();
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, offerer.suite());
        assertEquals(offerer.send(), answerer.receive());
        assertEquals(offerer.receive(), answerer.send());
    }

    @Test
    void theThirtyTwoBitSuiteIsTakenWhenItIsTheOnlyOneAcceptable() {
        SessionDescription offer = farOffer(OPTIONAL);
        SrtpPolicy only32 = new SrtpPolicy(SrtpMode.MANDATORY, List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_32));

        SessionDescription theirs = answer(offer, only32).orElseThrow();

        assertEquals(2, theirs.crypto().get(0).tag());
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32,
                MediaAgreement.reached(offer, theirs, false, SrtpMode.MANDATORY).orElseThrow().srtp().suite());
    }

    @Test
    void eachModeAnswersEachKindOfOfferAsRfc4568AndBestEffortPracticeSay() {
        SessionDescription savp = farOffer(MANDATORY);
        SessionDescription avpWithKeys = farOffer(OPTIONAL);
        SessionDescription plain = farOffer(SrtpPolicy.OFF);

        // Off: an offer that requires SRTP is refused; keys offered at best effort are left unanswered.
        assertEquals(Optional.empty(), answer(savp, SrtpPolicy.OFF));
        assertEquals(Optional.empty(), SessionDescription.answer(savp, "127.0.0.1", 16002, List.of("PCMU"), MediaDirection.SENDRECV));
        assertEquals(List.of(), answer(avpWithKeys, SrtpPolicy.OFF).orElseThrow().crypto());
        // Optional: SRTP whenever keys are offered, plain otherwise.
        assertEquals("RTP/SAVP", answer(savp, OPTIONAL).orElseThrow().profile());
        assertEquals(1, answer(avpWithKeys, OPTIONAL).orElseThrow().crypto().size());
        assertEquals(List.of(), answer(plain, OPTIONAL).orElseThrow().crypto());
        // Mandatory: SRTP or nothing.
        assertEquals(1, answer(avpWithKeys, MANDATORY).orElseThrow().crypto().size());
        assertEquals(Optional.empty(), answer(plain, MANDATORY));
    }

    @Test
    void aPlainAnswerToOurOfferIsTakenOnlyWhenSrtpIsOptional() {
        // The embedded call server answers every offer in plain RTP.
        SessionDescription plainAnswer = SessionDescription.parse("v=0\nc=IN IP4 127.0.0.1\nm=audio 20000 RTP/AVP 0 101\n"
                + "a=rtpmap:101 telephone-event/8000\n").orElseThrow();

        assertNull(MediaAgreement.reached(ourOffer(OPTIONAL), plainAnswer, true, SrtpMode.OPTIONAL).orElseThrow().srtp());
        assertEquals(Optional.empty(), MediaAgreement.reached(ourOffer(MANDATORY), plainAnswer, true, SrtpMode.MANDATORY));
    }

    @Test
    void anAnswerNamingALineThatWasNotOfferedIsRefused() {
        SessionDescription ours = ourOffer(OPTIONAL);
        SessionDescription forged = SessionDescription.parse(ourOffer(SrtpPolicy.OFF).format(1, 1)
                .replace("a=ptime", "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(new byte[30])
                        + "\r\na=ptime")).orElseThrow();

        assertEquals(Optional.empty(), MediaAgreement.reached(ours, forged, true, SrtpMode.OPTIONAL));
    }

    @Test
    void aLaterOfferInTheCallIsAnsweredWithTheKeyThisEndAlreadySendsWith() {
        SessionDescription first = answer(farOffer(OPTIONAL), OPTIONAL).orElseThrow();

        SessionDescription again = SessionDescription.answer(farOffer(OPTIONAL), "127.0.0.1", 16002, List.of("PCMU"),
                MediaDirection.SENDONLY, OPTIONAL, first.crypto()).orElseThrow();

        assertEquals(first.crypto().get(0).key(), again.crypto().get(0).key());
        assertEquals(first.crypto(), first.reoffer(MediaDirection.SENDONLY).crypto());
    }

    @Test
    void linesOfSuitesThisEndDoesNotKnowAreSkippedAndAnotherLineIsTaken() {
        String key = Base64.getEncoder().encodeToString(new byte[30]);
        SessionDescription offer = SessionDescription.parse("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/SAVP 0\n"
                + "a=crypto:1 AEAD_AES_256_GCM inline:" + Base64.getEncoder().encodeToString(new byte[44]) + "\n"
                + "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^20|1:4\n"
                + "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:not base64!\n"
                + "a=crypto:4 AES_CM_128_HMAC_SHA1_80 inline:" + key + "\n").orElseThrow();

        SessionDescription theirs = answer(offer, OPTIONAL).orElseThrow();

        // Line 2 has a key index (MKI), which this end does not use.
        assertEquals(4, theirs.crypto().get(0).tag());
        assertEquals(G711Codec.PCMU, MediaAgreement.reached(offer, theirs, false, SrtpMode.OPTIONAL).orElseThrow().codec());
    }

    @Test
    void aDescriptionNeverShowsItsKeys() {
        SessionDescription offer = ourOffer(MANDATORY);
        String key = Base64.getEncoder().encodeToString(offer.crypto().get(0).key().keyAndSalt());

        assertFalse(offer.toString().contains(key));
        assertTrue(offer.format(1, 1).contains(key));
        assertEquals(Optional.of(offer), SessionDescription.parse(offer.format(1, 1)));
    }
}
