package io.vtgoconnect.media;

import io.vtgoconnect.media.srtp.SrtpSuite;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A snapshot of one session's media, with what the softphone's CallStatsUpdate prints. Byte
 * counts are RTP payload octets, as in an RTCP sender report. Remote addresses and the far-end
 * report are null until known.
 *
 * @param codec the codec and frame length, e.g. {@code G711u:20ms}, {@code G722:20ms}, {@code Opus:20ms}
 * @param callLength time since the session opened
 * @param lost packets lost in transit (RFC 3550 cumulative lost, never negative here)
 * @param discarded packets that arrived too late for their play-out time
 * @param jitterMillis interarrival jitter (RFC 3550 appendix A.8) in milliseconds
 * @param farEnd what the far end last reported about the audio this end sends
 * @param mos the estimated mean opinion score of what this end hears, 1 to 4.5, from the ITU-T
 *        E-model simplified as in G.113 appendix I, with the codec's equipment impairment Ie and
 *        packet-loss robustness Bpl, on the narrowband scale (G.107) for G.711 and the wideband
 *        one (G.107.1) for G.722 and Opus: for G.711 {@code R = 93.2 - Id - Ie,eff} with
 *        {@code Id = 0.024 d + 0.11 (d - 177.3)} (the second term only above 177.3 ms) and
 *        {@code Ie,eff = 95 Ppl / (Ppl + 4.3)}, then {@code MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R)};
 *        Ppl is the percentage of expected packets lost or discarded, and d the one-way delay in
 *        ms: half the RTCP round trip (0 until measured) + the play-out delay + 20 ms of
 *        packetisation + twice the jitter
 * @param srtpSuite the SRTP crypto suite protecting the media, or null for plain RTP
 */
public record MediaStatistics(String codec, InetSocketAddress localRtp, InetSocketAddress localRtcp,
        InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp, Duration callLength, long packetsSent,
        long bytesSent, long packetsReceived, long bytesReceived, long lost, long discarded, double jitterMillis,
        FarEndReport farEnd, double mos, SrtpSuite srtpSuite) {
}
