package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ProviderType;

/** Decodes one received stream, payload by payload; not thread-safe. */
@ProviderType
public interface AudioDecoder {
    /**
     * Decodes one RTP payload into {@code out}, which must hold {@link #maxSamples()} samples.
     *
     * @return the samples decoded; 0 when the payload is not one this codec can read
     */
    int decode(byte[] payload, int offset, int length, short[] out);

    /**
     * Fills one frame's place of a payload that never came, from what the decoder heard last,
     * where the codec has packet loss concealment.
     *
     * @return the samples made, or 0 when the codec has none (the session plays silence)
     */
    int conceal(short[] out);

    /** The most samples one payload decodes to (120 ms for Opus, 60 ms for the others). */
    int maxSamples();

    /** The longest payload kept for decoding; longer ones are cut (the largest Opus packet, 60 ms of the others). */
    int maxPayload();
}
