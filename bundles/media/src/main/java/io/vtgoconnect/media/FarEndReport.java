package io.vtgoconnect.media;

import java.time.Duration;

/**
 * What the far end last reported, in RTCP, about the audio this end sends.
 *
 * @param lost packets it counts as lost in total
 * @param fractionLost the share lost over its last report interval, 0 to 1
 * @param jitterMillis its interarrival jitter in milliseconds
 * @param roundTrip the round-trip time measured from its report (RFC 3550 section 6.4.1), or
 *        null when it has not yet received a sender report from this end
 */
public record FarEndReport(long lost, double fractionLost, double jitterMillis, Duration roundTrip) {
}
