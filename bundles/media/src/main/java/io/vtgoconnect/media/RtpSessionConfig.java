package io.vtgoconnect.media;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open an RTP session. The RTP port is the first free even port of the range, RTCP the
 * one above it; both are bound to {@code localAddress} only.
 *
 * @param localAddress the address to bind; the loopback address by default, never the wildcard
 *        unless asked for
 * @param minPort the lowest port of the range
 * @param maxPort the highest port of the range
 * @param codec the audio codec sent and played
 * @param telephoneEventPayloadType the dynamic payload type of RFC 4733 events, as negotiated in SDP
 * @param playoutDelay the jitter buffer's fixed delay, a multiple of 20 ms
 * @param rtcpInterval the mean time between RTCP reports (RFC 3550 section 6.2 asks for 5 s);
 *        each interval is randomised between half and one and a half times this
 */
public record RtpSessionConfig(InetAddress localAddress, int minPort, int maxPort, G711Codec codec,
        int telephoneEventPayloadType, Duration playoutDelay, Duration rtcpInterval) {

    public RtpSessionConfig {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(codec, "codec");
        if (minPort < 1 || maxPort > 65535 || maxPort - minPort < 1) {
            throw new IllegalArgumentException("port range " + minPort + "-" + maxPort + " holds no RTP/RTCP pair");
        }
        if (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be dynamic (96-127): "
                    + telephoneEventPayloadType);
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
     * delay, RTCP every 5 s.
     */
    public static RtpSessionConfig defaults() {
        return new RtpSessionConfig(InetAddress.getLoopbackAddress(), 16384, 32767, G711Codec.PCMU, 101,
                Duration.ofMillis(60), Duration.ofSeconds(5));
    }

    public RtpSessionConfig withLocalAddress(InetAddress address) {
        return new RtpSessionConfig(address, minPort, maxPort, codec, telephoneEventPayloadType, playoutDelay, rtcpInterval);
    }

    public RtpSessionConfig withPortRange(int min, int max) {
        return new RtpSessionConfig(localAddress, min, max, codec, telephoneEventPayloadType, playoutDelay, rtcpInterval);
    }

    public RtpSessionConfig withCodec(G711Codec newCodec) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, newCodec, telephoneEventPayloadType, playoutDelay,
                rtcpInterval);
    }

    public RtpSessionConfig withTelephoneEventPayloadType(int payloadType) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, codec, payloadType, playoutDelay, rtcpInterval);
    }

    public RtpSessionConfig withPlayoutDelay(Duration delay) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, codec, telephoneEventPayloadType, delay, rtcpInterval);
    }

    public RtpSessionConfig withRtcpInterval(Duration interval) {
        return new RtpSessionConfig(localAddress, minPort, maxPort, codec, telephoneEventPayloadType, playoutDelay,
                interval);
    }
}
