package io.vtgoconnect.media;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The media of one call leg: an RTP/RTCP socket pair, a 20 ms send clock and a play-out clock,
 * in one codec, over plain RTP or SRTP.
 * Every tick the session reads a frame from its {@link AudioSource}, applies microphone gain and
 * mute, encodes and sends it (or a telephone event while digits are being sent), and plays one
 * frame from its jitter buffer, decoded and scaled by the speaker gain, into its
 * {@link AudioSink}. RTCP reports go out on the RTCP port every few seconds and a BYE on close.
 *
 * <p>Symmetric RTP: once the far end's packets arrive, the session sends to the address they
 * come from, whatever SDP said (so it works through NAT and relays).
 *
 * <p>All methods may be called from any thread.
 */
@ProviderType
public interface RtpSession extends AutoCloseable {
    /** The local RTP address; RTCP is on the next port. */
    InetSocketAddress localRtpAddress();

    /** Sends to this RTP address and to RTCP on the next port, as an SDP without {@code a=rtcp} says. */
    void setRemote(InetSocketAddress rtp);

    /** Sends to these RTP and RTCP addresses (SDP with an RFC 3605 {@code a=rtcp} attribute). */
    void setRemote(InetSocketAddress rtp, InetSocketAddress rtcp);

    /** Which way media flows; SENDRECV at first. */
    void setDirection(MediaDirection direction);

    /** The audio to send; silence at first. */
    void setSource(AudioSource source);

    /** Where received audio goes; discarded at first. */
    void setSink(AudioSink sink);

    /** The microphone volume, applied before encoding; unity at first. */
    void setMicrophoneGain(Gain gain);

    /** The speaker volume, applied after decoding; unity at first. */
    void setSpeakerGain(Gain gain);

    /** While muted the session sends silence (the RTP stream keeps flowing). */
    void setMuted(boolean muted);

    /**
     * Queues DTMF digits (0-9, *, #, A-D) to send as RFC 4733 telephone events, 100 ms each with
     * 60 ms between them, after those already queued.
     *
     * @throws IllegalArgumentException when a character is not a DTMF digit; nothing is queued then
     */
    void sendDigits(String digits);

    /** Who is told of received digits; nobody at first. */
    void setDtmfListener(DtmfListener listener);

    /** The frames of 20 ms between two readings of a {@link LevelListener}: five readings a second. */
    int LEVEL_FRAMES = 10;

    /** Who is told the audio levels each way while the session runs; nobody at first (null: nobody again). */
    void setLevelListener(LevelListener listener);

    /** The codec this session sends and plays. */
    AudioCodec codec();

    /**
     * Relays instead of playing: every RTP packet this session receives goes on with its payload
     * and payload type as it came to the other session's far end, from the other session's socket,
     * in the receive thread, as a media relay does, numbered into the other session's stream (its
     * SSRC, its sequence numbers and RTP time, shifted by as much as the relayed source's were
     * from them at its first packet), so that the far end hears one source whether that session
     * sent frames of its own before or relays; meanwhile this session
     * sends no audio frames of its own, only the digits {@link #sendDigits} queues (RTCP reports go
     * on). Each direction is set on its own session. {@code null} stops relaying.
     *
     * @throws IllegalArgumentException unless the other session is this engine's, in the same codec
     *         and telephone-event payload type, both without SRTP
     */
    void relayTo(RtpSession other);

    /** The statistics now. */
    MediaStatistics statistics();

    /**
     * Sends an RTCP BYE, stops sending and playing, and releases both ports before returning (soon
     * after, from an engine {@link MediaEngine#releasingPortsInBackground}); the engine's threads
     * stop with its last session. Closing again does nothing.
     */
    @Override
    void close();
}
