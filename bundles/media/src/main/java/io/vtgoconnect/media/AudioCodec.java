package io.vtgoconnect.media;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An audio codec a session can send and play: what SDP says of it (encoding name, RTP clock rate,
 * channels, format parameters, the static or usual payload type) and how its 20 ms frames are
 * coded. Audio enters and leaves a session as 16-bit PCM at {@link #sampleRate()}: 8 kHz for the
 * narrowband codecs, 16 kHz for the wideband ones. Encoders and decoders keep state from frame
 * to frame, so each session makes its own.
 */
@ProviderType
public sealed interface AudioCodec permits G711Codec, G722Codec, OpusCodec {
    /** Every codec here, in the order a phone prefers them by default: PCMU, PCMA, G722, opus. */
    static List<AudioCodec> all() {
        return List.of(G711Codec.PCMU, G711Codec.PCMA, G722Codec.G722, OpusCodec.OPUS);
    }

    /** The codec of an encoding name as SDP's {@code a=rtpmap} or the {@code codecs} setting writes it, in any case. */
    static Optional<AudioCodec> named(String encodingName) {
        // A loop, not a stream: every codec of every SDP offer and answer is looked up here.
        String wanted = encodingName.strip();
        for (AudioCodec codec : all()) {
            if (codec.encodingName().equalsIgnoreCase(wanted)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec of a static payload type (0 PCMU, 8 PCMA, 9 G722), which needs no {@code a=rtpmap}. */
    static Optional<AudioCodec> forStaticPayloadType(int payloadType) {
        // A loop, as in named: every payload type of an SDP body without an rtpmap is looked up here.
        for (AudioCodec codec : all()) {
            if (codec.hasStaticPayloadType() && codec.payloadType() == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The encoding name of {@code a=rtpmap}: PCMU, PCMA, G722 or opus. */
    String encodingName();

    /** The static payload type, or for a dynamic codec the one this end offers. */
    int payloadType();

    /** Whether {@link #payloadType()} is assigned by RFC 3551 (else SDP must map it). */
    boolean hasStaticPayloadType();

    /**
     * The RTP clock rate: timestamps count this many units a second (8000 for G.722 too, as
     * RFC 3551 fixes; 48000 for Opus, as RFC 7587 fixes).
     */
    int clockRate();

    /** The channel count of {@code a=rtpmap}: 1, or 2 for Opus, as RFC 7587 requires whatever is sent. */
    default int channels() {
        return 1;
    }

    /** The parameters of {@code a=fmtp}, or an empty string (the default). */
    default String formatParameters() {
        return "";
    }

    /** The sample rate of the audio a session takes and plays with this codec: 8000 or 16000. */
    int sampleRate();

    /** The name call statistics print: G711u, G711a, G722, Opus. */
    String displayName();

    /** Samples of audio in one 20 ms frame. */
    default int frameSamples() {
        return MediaEngine.frameSamples(sampleRate());
    }

    /** RTP timestamp units of one 20 ms frame. */
    default int frameClockUnits() {
        return clockRate() * MediaEngine.FRAME_MILLIS / 1000;
    }

    /** The {@code a=rtpmap} value after the payload type, e.g. {@code opus/48000/2}. */
    default String rtpmap() {
        return encodingName() + "/" + clockRate() + (channels() > 1 ? "/" + channels() : "");
    }

    /** The equipment impairment factor Ie of ITU-T G.113 appendix I, for the E-model. */
    double equipmentImpairment();

    /** The packet-loss robustness factor Bpl of ITU-T G.113 appendix I, for the E-model. */
    double packetLossRobustness();

    /** A new encoder, for one session's sending. */
    AudioEncoder newEncoder();

    /** A new decoder, for one session's playing. */
    AudioDecoder newDecoder();
}
