package io.vtgoconnect.media;

import io.vtgoconnect.media.srtp.SrtpKeys;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open an RTP session. The RTP port is the first free even port of the range, RTCP the
 * one above it; both are bound to {@code localAddress} only.
 *
 * @param localAddress the address to bind; the loopback address by default, never the wildcard
 *        unless asked for
 * @param minPort the lowest port of the range
 * @param maxPort the highest port of the range
 * @param audioCodec the audio codec sent and played
 * @param audioPayloadType the payload type of the audio, as negotiated in SDP (the codec's own
 *        for a static one; the dynamic one SDP mapped for Opus)
 * @param telephoneEventPayloadType the dynamic payload type of RFC 4733 events, as negotiated in SDP
 * @param playoutDelay the jitter buffer's fixed delay, a multiple of 20 ms
 * @param rtcpInterval the mean time between RTCP reports (RFC 3550 section 6.2 asks for 5 s);
 *        each interval is randomised between half and one and a half times this
 * @param srtp the SRTP keys of both directions, or null for plain RTP
 */
public record RtpSessionConfig(InetAddress localAddress, int minPort, int maxPort, AudioCodec audioCodec,
        int audioPayloadType, int telephoneEventPayloadType, Duration playoutDelay, Duration rtcpInterval,
        SrtpKeys srtp) {

    public RtpSessionConfig {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(audioCodec, "audioCodec");
        if (minPort < 1 || maxPort > 65535 || maxPort - minPort < 1) {
            throw new IllegalArgumentException("port range " + minPort + "-" + maxPort + " holds no RTP/RTCP pair");
        }
        // RFC 5761 section 4: 72-76 would read as RTCP.
        if (audioPayloadType < 0 || audioPayloadType > 127 || (audioPayloadType >= 72 && audioPayloadType <= 76)) {
            throw new IllegalArgumentException("audio payload type out of 0-71, 77-127: " + audioPayloadType);
        }
        if (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be dynamic (96-127): "
                    + telephoneEventPayloadType);
        }
        if (telephoneEventPayloadType == audioPayloadType) {
            throw new IllegalArgumentException("audio and telephone events share payload type " + audioPayloadType);
        }
        long delayMillis = playoutDelay.toMillis();
        if (delayMillis < MediaEngine.FRAME_MILLIS || delayMillis > 1000 || delayMillis % MediaEngine.FRAME_MILLIS != 0) {
            throw new IllegalArgumentException("playout delay must be 20..1000 ms in steps of 20 ms: " + playoutDelay);
        }
        if (rtcpInterval.toMillis() < MediaEngine.FRAME_MILLIS) {
            throw new IllegalArgumentException("RTCP interval below 20 ms: " + rtcpInterval);
        }
    }

    /**
     * 127.0.0.1, ports 16384-32767, PCMU, telephone events on payload type 101, 60 ms of play-out
     * delay, RTCP every 5 s, plain RTP.
     */
    public static RtpSessionConfig defaults() {
        return new RtpSessionConfig(InetAddress.getLoopbackAddress(), 16384, 32767, G711Codec.PCMU,
                G711Codec.PCMU.payloadType(), 101, Duration.ofMillis(60), Duration.ofSeconds(5), null);
    }

    /**
     * The audio codec when it is G.711.
     *
     * @throws IllegalStateException when the codec is another
     * @deprecated for callers written when G.711 was the only codec; use {@link #audioCodec()}
     */
    @Deprecated
    public G711Codec codec() {
        if (audioCodec instanceof G711Codec g711) {
            return g711;
        }
        throw new IllegalStateException("the session's codec is " + audioCodec.encodingName() + ", not G.711");
    }

    /** The SRTP keys, if the session protects its media. */
    public Optional<SrtpKeys> srtpKeys() {
        return Optional.ofNullable(srtp);
    }

    public RtpSessionConfig withLocalAddress(InetAddress address) {
        return new RtpSessionConfig(address, minPort, maxPort, audioCodec, audioPayloadType, telephoneEventPayloadType,
                playoutDelay, rtcpInterval, srtp);
    }

    public RtpSessionConfig withPortRange(int min, int max) {
        return new RtpSessionConfig(localAddress, min, max, audioCodec, audioPayloadType, telephoneEventPayloadType,
                playoutDelay, rtcpInterval, srtp);
    }

    /** The codec on its own payload type (static, or the one this end offers for a dynamic codec). */
    public RtpSessionConfig withCodec(AudioCodec newCodec) {
        return withCodec(newCodec, newCodec.payloadType());
    }

    /** The codec on the payload type SDP mapped it to. */
    public RtpSessionConfig withCodec(AudioCodec newCodec, int payloadType) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, newCodec, payloadType, telephoneEventPayloadType,
                playoutDelay, rtcpInterval, srtp);
    }

    public RtpSessionConfig withTelephoneEventPayloadType(int payloadType) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, audioCodec, audioPayloadType, payloadType,
                playoutDelay, rtcpInterval, srtp);
    }

    public RtpSessionConfig withPlayoutDelay(Duration delay) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, audioCodec, audioPayloadType,
                telephoneEventPayloadType, delay, rtcpInterval, srtp);
    }

    public RtpSessionConfig withRtcpInterval(Duration interval) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, audioCodec, audioPayloadType,
                telephoneEventPayloadType, playoutDelay, interval, srtp);
    }

    /** SRTP with these keys (null: plain RTP). */
    public RtpSessionConfig withSrtp(SrtpKeys keys) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, audioCodec, audioPayloadType,
                telephoneEventPayloadType, playoutDelay, rtcpInterval, keys);
    }
}
