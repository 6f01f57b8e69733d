package io.vtgoconnect.media.internal;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import io.vtgoconnect.media.AudioDecoder;
import io.vtgoconnect.media.AudioEncoder;
import io.vtgoconnect.media.MediaEngine;

/** Concentus's Opus encoder and decoder behind the engine's codec interfaces, mono, 20 ms frames. */
public final class OpusCoder {
    private static final System.Logger LOG = System.getLogger(OpusCoder.class.getName());
    /** RFC 6716 section 3.2.1: the longest packet is 1275 bytes a frame. */
    private static final int MAX_PACKET = 1275;
    /** The longest packet lasts 120 ms. */
    private static final int MAX_PACKET_MILLIS = 120;
    /**
     * Complexity 0 of 10: the pure-Java encoder is the dearest part of a call (about 0.6 ms a
     * frame once compiled, where G.722 takes 0.1 ms); at 5 it takes four times that, at 10 ten
     * times, for little gain on speech at 32 kbit/s.
     */
    private static final int COMPLEXITY = 0;

    private OpusCoder() {
    }

    public static AudioEncoder encoder(int sampleRate, int bitRate) {
        OpusEncoder encoder;
        try {
            encoder = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus cannot encode at " + sampleRate + " Hz", e);
        }
        encoder.setBitrate(bitRate);
        encoder.setComplexity(COMPLEXITY);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        int frameSamples = MediaEngine.frameSamples(sampleRate);
        return new AudioEncoder() {
            @Override
            public int encode(short[] pcm, byte[] out) {
                try {
                    return encoder.encode(pcm, 0, frameSamples, out, 0, out.length);
                } catch (OpusException e) {
                    // Only a frame size or buffer Opus refuses, which these are not.
                    throw new IllegalStateException("Opus encoding failed", e);
                }
            }

            @Override
            public int maxPayload() {
                return MAX_PACKET;
            }
        };
    }

    public static AudioDecoder decoder(int sampleRate) {
        OpusDecoder decoder;
        try {
            decoder = new OpusDecoder(sampleRate, 1);
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus cannot decode at " + sampleRate + " Hz", e);
        }
        int frameSamples = MediaEngine.frameSamples(sampleRate);
        int maxSamples = sampleRate * MAX_PACKET_MILLIS / 1000;
        return new AudioDecoder() {
            private boolean heardAny;

            @Override
            public int decode(byte[] payload, int offset, int length, short[] out) {
                if (length <= 0) {
                    // To Opus an empty packet means a lost one: concealment, which is not this call's to make.
                    return 0;
                }
                try {
                    int samples = decoder.decode(payload, offset, length, out, 0, maxSamples, false);
                    heardAny = true;
                    return samples;
                } catch (OpusException | RuntimeException e) {
                    // A corrupt packet from the far end: dropped, as a lost one.
                    LOG.log(System.Logger.Level.DEBUG, "Opus packet of {0} bytes not decoded: {1}", length,
                            e.getMessage());
                    return 0;
                }
            }

            @Override
            public int conceal(short[] out) {
                if (!heardAny) {
                    return 0;
                }
                try {
                    return decoder.decode(null, 0, 0, out, 0, frameSamples, false);
                } catch (OpusException | RuntimeException e) {
                    return 0;
                }
            }

            @Override
            public int maxSamples() {
                return maxSamples;
            }

            @Override
            public int maxPayload() {
                return MAX_PACKET;
            }
        };
    }
}
