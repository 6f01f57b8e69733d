package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.srtp.SdesCrypto;
import io.vtgoconnect.media.srtp.SrtpKeys;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an offer and its answer agreed on for a call's audio (RFC 3264, RFC 4568): the codec and
 * its payload type, the payload type of telephone events, and the SRTP keys of both directions,
 * or none for plain RTP.
 *
 * @param codec the codec both ends send and play
 * @param audioPayloadType its payload type, as the answer numbers it
 * @param telephoneEventPayloadType the payload type of RFC 4733 events
 * @param srtp the keys, or null for plain RTP
 */
public record MediaAgreement(AudioCodec codec, int audioPayloadType, int telephoneEventPayloadType, SrtpKeys srtp) {
    public MediaAgreement {
        Objects.requireNonNull(codec, "codec");
    }

    /** Plain RTP in the first of the codecs the media engine has (PCMU if none), until an answer says otherwise. */
    public static MediaAgreement firstChoice(List<String> codecOrder) {
        AudioCodec first = codecOrder.stream().flatMap(name -> AudioCodec.named(name).stream()).findFirst()
                .orElse(G711Codec.PCMU);
        return new MediaAgreement(first, first.payloadType(), SessionDescription.DEFAULT_TELEPHONE_EVENT_PAYLOAD, null);
    }

    /**
     * Reads the agreement of an offer and its answer (or an early answer in a 183): the answer's
     * first codec the media engine has, its telephone events at that codec's clock, and, when the
     * answer took one of the offer's {@code a=crypto} lines, the keys (this end sends with the key
     * of its own line). Empty when the answer cannot be taken: it names no codec of the engine, it
     * answers a crypto line that was not offered, or the media stays plain while either
     * description requires SRTP ({@code RTP/SAVP}) or this end's mode is mandatory.
     *
     * @param localOffered whether this end made the offer (else it made the answer)
     */
    public static Optional<MediaAgreement> reached(SessionDescription offer, SessionDescription answer, boolean localOffered,
            SrtpMode mode) {
        RtpFormat chosen = null;
        AudioCodec codec = null;
        // A loop, not a stream: each leg of each call reads its agreement here, several times a call.
        for (RtpFormat format : answer.formats()) {
            Optional<AudioCodec> engineCodec = format.isTelephoneEvent() ? Optional.empty() : format.codec();
            if (engineCodec.isPresent() && !readsAsRtcp(format.payloadType())) {
                chosen = format;
                codec = engineCodec.get();
                break;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        int audioPayloadType = chosen.payloadType();
        int events = answer.telephoneEvents(codec.clockRate()).map(RtpFormat::payloadType)
                .filter(type -> type >= 96 && type != audioPayloadType)
                .orElse(SessionDescription.DEFAULT_TELEPHONE_EVENT_PAYLOAD);
        SrtpKeys keys = null;
        if (!answer.crypto().isEmpty() && !offer.crypto().isEmpty()) {
            SdesCrypto answered = answer.crypto().get(0);
            Optional<SdesCrypto> offered = offer.crypto().stream()
                    .filter(line -> line.tag() == answered.tag() && line.suite() == answered.suite()).findFirst();
            if (offered.isEmpty() || !answered.supported()) {
                return Optional.empty();
            }
            keys = localOffered ? SrtpKeys.of(offered.get(), answered) : SrtpKeys.of(answered, offered.get());
        }
        if (keys == null && (offer.isSecure() || answer.isSecure() || mode == SrtpMode.MANDATORY)) {
            return Optional.empty();
        }
        return Optional.of(new MediaAgreement(codec, audioPayloadType, events, keys));
    }

    /** RFC 5761 section 4: payload types 72 to 76 would read as RTCP, so no session sends them. */
    private static boolean readsAsRtcp(int payloadType) {
        return payloadType >= 72 && payloadType <= 76;
    }
}
