/**
 * Call media without OSGi: RTP/RTCP sessions over UDP (or SRTP, see
 * {@link io.vtgoconnect.media.srtp}) carrying G.711, G.722 or Opus audio in 20 ms frames, RFC 4733
 * telephone events, a jitter buffer and RFC 3550 statistics, and the audio sources, sinks, gain
 * and conference mixing that feed them, at 8 or 16 kHz. A {@link io.vtgoconnect.media.MediaEngine} opens
 * {@link io.vtgoconnect.media.RtpSession}s and ticks them all from a small shared clock.
 */
@Export
@Version("2.6.0")
package io.vtgoconnect.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
