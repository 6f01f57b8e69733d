package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ProviderType;

/** Encodes one stream of audio, frame by frame; not thread-safe. */
@ProviderType
public interface AudioEncoder {
    /**
     * Encodes one 20 ms frame ({@link AudioCodec#frameSamples()} samples of {@code pcm}) into
     * {@code out}, which must hold {@link #maxPayload()} bytes.
     *
     * @return the payload's length
     */
    int encode(short[] pcm, byte[] out);

    /** The longest payload one frame may take. */
    int maxPayload();
}
