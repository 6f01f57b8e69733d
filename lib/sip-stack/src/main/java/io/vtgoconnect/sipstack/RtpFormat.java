package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.AudioCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * One payload format of an SDP media line: its payload type and what {@code a=rtpmap} and
 * {@code a=fmtp} say of it (RFC 4566 section 6). A static payload type with no rtpmap has the
 * encoding and clock RFC 3551 gives it.
 *
 * @param payloadType 0 to 127
 * @param encoding the encoding name as written (compared in any case)
 * @param clockRate the RTP clock rate
 * @param channels the channel count, 1 unless the rtpmap says more
 * @param parameters the {@code a=fmtp} parameters, or an empty string
 */
public record RtpFormat(int payloadType, String encoding, int clockRate, int channels, String parameters) {
    /** RFC 4733 events: digits as RTP packets. */
    public static final String TELEPHONE_EVENT = "telephone-event";

    public RtpFormat {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(parameters, "parameters");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of 0-127: " + payloadType);
        }
    }

    /** The format of a codec of the media engine, on its own payload type. */
    public static RtpFormat of(AudioCodec codec) {
        return of(codec, codec.payloadType());
    }

    /** The format of a codec of the media engine, on the payload type given (its own parameters). */
    public static RtpFormat of(AudioCodec codec, int payloadType) {
        return new RtpFormat(payloadType, codec.encodingName(), codec.clockRate(), codec.channels(),
                codec.formatParameters());
    }

    /** RFC 4733 events at this clock rate, digits 0-15. */
    public static RtpFormat telephoneEvent(int payloadType, int clockRate) {
        return new RtpFormat(payloadType, TELEPHONE_EVENT, clockRate, 1, "0-15");
    }

    /** A payload type no rtpmap names: a static one of RFC 3551 that the engine knows, else an unknown name. */
    static RtpFormat unmapped(int payloadType) {
        Optional<AudioCodec> known = AudioCodec.forStaticPayloadType(payloadType);
        return known.isPresent() ? of(known.get()) : new RtpFormat(payloadType, "PT" + payloadType, 8000, 1, "");
    }

    public boolean isTelephoneEvent() {
        return encoding.equalsIgnoreCase(TELEPHONE_EVENT);
    }

    /** The media engine's codec of this format: the same encoding name (in any case) and clock rate. */
    public Optional<AudioCodec> codec() {
        return AudioCodec.named(encoding).filter(codec -> codec.clockRate() == clockRate);
    }

    /** Whether this format names the encoding, in any case. */
    boolean names(String name) {
        return encoding.equalsIgnoreCase(name.strip());
    }

    /** The value of {@code a=rtpmap:} after the payload type, e.g. {@code opus/48000/2}. */
    String rtpmap() {
        return encoding + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }
}
