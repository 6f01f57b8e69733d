package io.vtgoconnect.media;

import io.vtgoconnect.media.internal.G711;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The two G.711 codecs at 8 kHz, one byte per sample, by table lookup (the tables follow the
 * ITU-T G.191 reference code). They keep no state, so each is its own encoder and decoder; they
 * have no packet loss concealment.
 */
public enum G711Codec implements AudioCodec {
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
    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public boolean hasStaticPayloadType() {
        return true;
    }

    /** The encoding name of an SDP {@code a=rtpmap} line: PCMU or PCMA. */
    @Override
    public String encodingName() {
        return encodingName;
    }

    /** The name the manual's call statistics print: G711u or G711a. */
    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public int clockRate() {
        return MediaEngine.SAMPLE_RATE;
    }

    @Override
    public int sampleRate() {
        return MediaEngine.SAMPLE_RATE;
    }

    /** G.113 appendix I: Ie 0. */
    @Override
    public double equipmentImpairment() {
        return 0;
    }

    /** G.113 appendix I: Bpl 4.3 under random loss without concealment. */
    @Override
    public double packetLossRobustness() {
        return 4.3;
    }

    @Override
    public AudioEncoder newEncoder() {
        return new AudioEncoder() {
            @Override
            public int encode(short[] pcm, byte[] out) {
                G711Codec.this.encode(pcm, MediaEngine.FRAME_SAMPLES, out);
                return MediaEngine.FRAME_SAMPLES;
            }

            @Override
            public int maxPayload() {
                return MediaEngine.FRAME_SAMPLES;
            }
        };
    }

    @Override
    public AudioDecoder newDecoder() {
        return new AudioDecoder() {
            @Override
            public int decode(byte[] payload, int offset, int length, short[] out) {
                int count = Math.min(length, out.length);
                G711Codec.this.decode(payload, offset, count, out);
                return count;
            }

            @Override
            public int conceal(short[] out) {
                return 0;
            }

            @Override
            public int maxSamples() {
                return 3 * MediaEngine.FRAME_SAMPLES;
            }

            @Override
            public int maxPayload() {
                return 3 * MediaEngine.FRAME_SAMPLES;
            }
        };
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
