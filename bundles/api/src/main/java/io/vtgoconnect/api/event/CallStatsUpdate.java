package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/**
 * Statistics of a call's media, in the manual's fields and order. {@code callLength} is in
 * seconds, {@code sent}/{@code received} in bytes, {@code jitter} in milliseconds; {@code mos} is
 * an estimated mean opinion score, or null when none was computed; {@code srtp} is the SRTP crypto
 * suite protecting the media (e.g. {@code AES_CM_128_HMAC_SHA1_80}), or null for plain RTP.
 */
public record CallStatsUpdate(CallRef callRef, String codec, Station thisStation, Station otherStation,
        long callLength, long sent, long received, long lost, long discarded, long jitter, Double mos, String srtp)
        implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "CallStatsUpdate";

    public CallStatsUpdate {
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(thisStation, "thisStation");
        Objects.requireNonNull(otherStation, "otherStation");
    }

    /** Statistics of plain RTP media. */
    public CallStatsUpdate(CallRef callRef, String codec, Station thisStation, Station otherStation, long callLength,
            long sent, long received, long lost, long discarded, long jitter, Double mos) {
        this(callRef, codec, thisStation, otherStation, callLength, sent, received, lost, discarded, jitter, mos, null);
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
