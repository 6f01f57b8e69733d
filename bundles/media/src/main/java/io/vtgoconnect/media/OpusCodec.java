package io.vtgoconnect.media;

import io.vtgoconnect.media.internal.OpusCoder;

/**
 * Opus (RFC 6716) through Concentus, a pure-Java port of the reference library, as RFC 7587
 * carries it: {@code opus/48000/2} with a 48 kHz RTP clock whatever is sent, a dynamic payload
 * type (111 offered), mono. The engine's audio is at most wideband, so Opus runs at 16 kHz (up
 * to 8 kHz of audio band, the decoder converting whatever the far end sends) and says so in its
 * format parameters; it encodes at 32 kbit/s with the VoIP tuning and conceals lost frames with
 * Opus's own packet loss concealment.
 */
public enum OpusCodec implements AudioCodec {
    OPUS;

    /** The bit rate sent: wideband speech is transparent well below it. */
    public static final int BIT_RATE = 32000;

    @Override
    public String encodingName() {
        return "opus";
    }

    @Override
    public int payloadType() {
        return 111;
    }

    @Override
    public boolean hasStaticPayloadType() {
        return false;
    }

    @Override
    public int clockRate() {
        return 48000;
    }

    @Override
    public int channels() {
        return 2;
    }

    /** RFC 7587 section 6.1: what this end plays and captures, at most 16 kHz, in mono. */
    @Override
    public String formatParameters() {
        return "maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;sprop-stereo=0";
    }

    @Override
    public int sampleRate() {
        return MediaEngine.WIDEBAND_SAMPLE_RATE;
    }

    @Override
    public String displayName() {
        return "Opus";
    }

    /**
     * G.113 gives no Opus figure; provisional: Ie,wb 10, between those G.113 gives the wideband
     * codecs of similar rate and quality.
     */
    @Override
    public double equipmentImpairment() {
        return 10;
    }

    /** Provisional, as for Ie: Bpl 20, in the range G.113 gives codecs with concealment. */
    @Override
    public double packetLossRobustness() {
        return 20;
    }

    @Override
    public AudioEncoder newEncoder() {
        return OpusCoder.encoder(sampleRate(), BIT_RATE);
    }

    @Override
    public AudioDecoder newDecoder() {
        return OpusCoder.decoder(sampleRate());
    }
}
