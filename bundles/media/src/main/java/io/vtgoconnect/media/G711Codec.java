package io.vtgoconnect.media;

import io.vtgoconnect.media.internal.G711;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The two G.711 codecs at 8 kHz, one byte per sample, by table lookup (the tables follow the
 * ITU-T G.191 reference code).
 */
public enum G711Codec {
    /** u-law, static RTP payload type 0. */
    PCMU(0, "PCMU", "G711u", G711::linearToUlaw, G711::ulawToLinear),
    /** A-law, static RTP payload type 8. */
    PCMA(8, "PCMA", "G711a", G711::linearToAlaw, G711::alawToLinear);

    private final int payloadType;
    private final String encodingName;
    private final String displayName;
    private final byte[] encodeTable = new byte[1 << 16];
    private final short[] decodeTable = new short[1 << 8];

    G711Codec(int payloadType, String encodingName, String displayName, IntUnaryOperator encoder,
            IntUnaryOperator decoder) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.displayName = displayName;
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            encodeTable[sample & 0xFFFF] = (byte) encoder.applyAsInt(sample);
        }
        for (int code = 0; code < decodeTable.length; code++) {
            decodeTable[code] = (short) decoder.applyAsInt(code);
        }
    }

    /** The codec of a static payload type, if it is one of these two. */
    public static Optional<G711Codec> forPayloadType(int payloadType) {
        for (G711Codec codec : values()) {
            if (codec.payloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The static RTP payload type: 0 or 8. */
    public int payloadType() {
        return payloadType;
    }

    /** The encoding name of an SDP {@code a=rtpmap} line: PCMU or PCMA. */
    public String encodingName() {
        return encodingName;
    }

    /** The name the manual's call statistics print: G711u or G711a. */
    public String displayName() {
        return displayName;
    }

    /** Encodes {@code count} samples of {@code pcm} into the first {@code count} bytes of {@code out}. */
    public void encode(short[] pcm, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = encodeTable[pcm[i] & 0xFFFF];
        }
    }

    /** Decodes {@code count} bytes of {@code in} from {@code offset} into the first samples of {@code out}. */
    public void decode(byte[] in, int offset, int count, short[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = decodeTable[in[offset + i] & 0xFF];
        }
    }
}
