package io.vtgoconnect.media;

import io.vtgoconnect.media.internal.G722;

/**
 * ITU-T G.722 at 64 kbit/s: 16 kHz audio (50 to 7000 Hz), static payload type 9, and, as RFC 3551
 * fixes by an old mistake kept for compatibility, an RTP clock of 8000 Hz. A 20 ms frame is 320
 * samples in 160 bytes. It has no packet loss concealment here: a lost frame plays as silence.
 */
public enum G722Codec implements AudioCodec {
    G722;

    private static final int FRAME_BYTES = 160;

    @Override
    public String encodingName() {
        return "G722";
    }

    @Override
    public int payloadType() {
        return 9;
    }

    @Override
    public boolean hasStaticPayloadType() {
        return true;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int sampleRate() {
        return MediaEngine.WIDEBAND_SAMPLE_RATE;
    }

    @Override
    public String displayName() {
        return "G722";
    }

    /** G.113 amendment 1 (wideband): Ie,wb 13 at 64 kbit/s. */
    @Override
    public double equipmentImpairment() {
        return 13;
    }

    /** G.113 appendix I: Bpl 4.3 under random loss without concealment. */
    @Override
    public double packetLossRobustness() {
        return 4.3;
    }

    @Override
    public AudioEncoder newEncoder() {
        G722 state = new G722();
        return new AudioEncoder() {
            @Override
            public int encode(short[] pcm, byte[] out) {
                state.encode(pcm, FRAME_BYTES, out);
                return FRAME_BYTES;
            }

            @Override
            public int maxPayload() {
                return FRAME_BYTES;
            }
        };
    }

    @Override
    public AudioDecoder newDecoder() {
        G722 state = new G722();
        return new AudioDecoder() {
            @Override
            public int decode(byte[] payload, int offset, int length, short[] out) {
                int count = Math.min(length, out.length / 2);
                state.decode(payload, offset, count, out);
                return 2 * count;
            }

            @Override
            public int conceal(short[] out) {
                return 0;
            }

            @Override
            public int maxSamples() {
                return 3 * 2 * FRAME_BYTES;
            }

            @Override
            public int maxPayload() {
                return 3 * FRAME_BYTES;
            }
        };
    }
}
