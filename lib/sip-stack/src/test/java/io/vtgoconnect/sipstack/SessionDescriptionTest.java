package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.G722Codec;
import io.vtgoconnect.media.OpusCodec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {
    @Test
    void offerListsCodecsInOrderThenTelephoneEvents() {
        String sdp = SessionDescription.offer("127.0.0.1", 16000, List.of("PCMA", "PCMU"), MediaDirection.SENDRECV).format(7, 0);

        assertEquals("v=0\r\no=- 7 0 IN IP4 127.0.0.1\r\ns=VTGOConnect\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 16000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n", sdp);
    }

    @Test
    void parsesItsOwnOffer() {
        SessionDescription offer = SessionDescription.offer("127.0.0.1", 16002, List.of("PCMU"), MediaDirection.SENDONLY);

        assertEquals(Optional.of(offer), SessionDescription.parse(offer.format(1, 1)));
    }

    @Test
    void parsesStaticPayloadsWithoutRtpmapAndMediaLevelAttributes() {
        String sdp = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\na=sendrecv\n"
                + "m=audio 4000 RTP/AVP 0 8 96\nc=IN IP4 10.0.0.2\na=rtpmap:96 telephone-event/8000\na=inactive\n"
                + "m=video 5000 RTP/AVP 31\na=sendonly\n";

        SessionDescription parsed = SessionDescription.parse(sdp).orElseThrow();

        assertEquals(new SessionDescription("10.0.0.2", 4000, "RTP/AVP", List.of(RtpFormat.of(G711Codec.PCMU),
                RtpFormat.of(G711Codec.PCMA), new RtpFormat(96, "telephone-event", 8000, 1, "")),
                MediaDirection.INACTIVE, List.of()), parsed);
    }

    @Test
    void answerTakesOurFirstCodecTheOfferHasAndItsTelephoneEventType() {
        SessionDescription offer = SessionDescription.parse("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 0 8 96\n"
                + "a=rtpmap:96 telephone-event/8000\na=sendonly\n").orElseThrow();

        SessionDescription answer = SessionDescription.answer(offer, "127.0.0.1", 16000, List.of("PCMA", "PCMU"),
                SessionDescription.answering(offer.direction())).orElseThrow();

        assertEquals(List.of(8, 96), answer.formats().stream().map(RtpFormat::payloadType).toList());
        assertEquals(MediaDirection.RECVONLY, answer.direction());
    }

    @Test
    void aWidebandOfferMapsOpusToADynamicTypeWithItsParametersAndOffersEventsAtEachClock() {
        String sdp = SessionDescription.offer("127.0.0.1", 16000, List.of("G722", "opus", "PCMU"), MediaDirection.SENDRECV)
                .format(7, 0);

        assertEquals("v=0\r\no=- 7 0 IN IP4 127.0.0.1\r\ns=VTGOConnect\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 16000 RTP/AVP 9 111 0 101 100\r\na=rtpmap:9 G722/8000\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;sprop-stereo=0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
                + "a=rtpmap:100 telephone-event/48000\r\na=fmtp:100 0-15\r\na=ptime:20\r\na=sendrecv\r\n", sdp);
        assertEquals(Optional.of(SessionDescription.offer("127.0.0.1", 16000, List.of("G722", "opus", "PCMU"),
                MediaDirection.SENDRECV)), SessionDescription.parse(sdp));
    }

    @Test
    void anOpusOfferIsAnsweredOnItsOwnPayloadTypeWithEventsAtTheOpusClock() {
        // As baresip 1.0 offers: opus on 96, telephone events at 48 kHz.
        SessionDescription offer = SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 10000 RTP/AVP 96 9 0 8 101 102\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=fmtp:96 stereo=1;sprop-stereo=1\r\na=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/48000\r\n"
                + "a=rtpmap:102 telephone-event/8000\r\na=sendrecv\r\n").orElseThrow();

        SessionDescription answer = SessionDescription.answer(offer, "127.0.0.1", 16000, List.of("opus", "G722"),
                MediaDirection.SENDRECV).orElseThrow();

        assertEquals(List.of(RtpFormat.of(OpusCodec.OPUS, 96), new RtpFormat(101, "telephone-event", 48000, 1, "")),
                answer.formats());
        assertEquals(Optional.of(new MediaAgreement(OpusCodec.OPUS, 96, 101, null)),
                MediaAgreement.reached(offer, answer, false, SrtpMode.OFF));
        SessionDescription g722 = SessionDescription.answer(offer, "127.0.0.1", 16000, List.of("G722", "opus"),
                MediaDirection.SENDRECV).orElseThrow();
        assertEquals(Optional.of(new MediaAgreement(G722Codec.G722, 9, 102, null)),
                MediaAgreement.reached(offer, g722, false, SrtpMode.OFF));
    }

    @Test
    void aCodecAtAnotherClockRateIsNotTheSameCodec() {
        SessionDescription offer = SessionDescription.parse("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 96 97\n"
                + "a=rtpmap:96 opus/16000\na=rtpmap:97 G722/16000\n").orElseThrow();

        assertEquals(Optional.empty(), SessionDescription.answer(offer, "127.0.0.1", 16000, List.of("opus", "G722"),
                MediaDirection.SENDRECV));
    }

    @Test
    void theAnswerToOurOfferSetsTheCodecAndPayloadTypesWeSendWith() {
        SessionDescription offer = SessionDescription.offer("127.0.0.1", 16000, List.of("opus", "G722", "PCMU"),
                MediaDirection.SENDRECV);
        SessionDescription answer = SessionDescription.parse("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 9 101\n"
                + "a=rtpmap:101 telephone-event/8000\n").orElseThrow();

        assertEquals(Optional.of(new MediaAgreement(G722Codec.G722, 9, 101, null)),
                MediaAgreement.reached(offer, answer, true, SrtpMode.OFF));
        assertEquals(Optional.empty(), MediaAgreement.reached(offer, SessionDescription.parse(
                "v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 18\n").orElseThrow(), true, SrtpMode.OFF));
    }

    @Test
    void holdingIsSendonlyOrInactive() {
        assertTrue(SessionDescription.holds(MediaDirection.SENDONLY));
        assertTrue(SessionDescription.holds(MediaDirection.INACTIVE));
        assertEquals(MediaDirection.INACTIVE, SessionDescription.answering(MediaDirection.INACTIVE));
        assertEquals(MediaDirection.SENDONLY, SessionDescription.answering(MediaDirection.RECVONLY));
    }

    @Test
    void noSharedCodecIsNoAnswer() {
        SessionDescription offer = SessionDescription.parse("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 18\n").orElseThrow();

        assertTrue(SessionDescription.answer(offer, "127.0.0.1", 16000, List.of("PCMU"), MediaDirection.SENDRECV).isEmpty());
    }

    @Test
    void aHostNameABadPortOrAMalformedLineIsNoDescription() {
        String valid = "v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 0\n";
        assertTrue(SessionDescription.parse(valid).isPresent());

        for (String bad : List.of(valid.replace("10.0.0.1", "evil.example"), valid.replace("4000", "70000"),
                valid.replace("4000", "0"), valid.replace("4000", "-1"), valid.replace("4000", "x"),
                valid.replace(" 0\n", " 300\n"), valid.replace(" 0\n", " zero\n"), "v=0\nc=IN IP4 10.0.0.1\nm=audio\n",
                valid + "a=rtpmap:96\n", valid + "a=rtpmap:x PCMU/8000\n", "c=IN\nm=audio 4000 RTP/AVP 0\n", "", "m=")) {
            assertEquals(Optional.empty(), SessionDescription.parse(bad), bad);
        }
    }

    @Test
    void aLineSplitsAtRunsOfSpacesAsTheRegularExpressionDid() {
        java.util.regex.Pattern spaces = java.util.regex.Pattern.compile(" +");
        // Every line of up to 7 characters of space, a and b, with each limit the reader uses and one more.
        List<String> lines = new java.util.ArrayList<>(List.of(""));
        for (int length = 1, from = 0; length <= 7; length++) {
            int to = lines.size();
            for (int i = from; i < to; i++) {
                for (char c : new char[] {' ', 'a', 'b'}) {
                    lines.add(lines.get(i) + c);
                }
            }
            from = to;
        }
        for (String line : lines) {
            for (int limit : new int[] {0, 2, 3}) {
                assertEquals(List.of(spaces.split(line, limit)), List.of(SessionDescription.splitAtSpaces(line, limit)),
                        "'" + line + "' limit " + limit);
            }
        }
    }

    @Test
    void anyBytesAtAllAreADescriptionOrNoneButNeverAnException() {
        java.util.Random random = new java.util.Random(4566);
        String valid = SessionDescription.offer("127.0.0.1", 16002, List.of("PCMU", "PCMA"), MediaDirection.SENDRECV).format(1, 1);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int change = random.nextInt(6); change >= 0; change--) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, (char) random.nextInt(128));
                    default -> mutated.setCharAt(at, " =:/0123456789-\n".charAt(random.nextInt(16)));
                }
            }
            SessionDescription.parse(mutated.toString());
        }
    }
}
