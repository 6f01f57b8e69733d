package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/**
 * Statistics of a call's media, in the manual's fields and order. {@code callLength} is in
 * seconds, {@code sent}/{@code received} in bytes, {@code jitter} in milliseconds; {@code mos} is
 * an estimated mean opinion score, or null when none was computed.
 */
public record CallStatsUpdate(CallRef callRef, String codec, Station thisStation, Station otherStation,
        long callLength, long sent, long received, long lost, long discarded, long jitter, Double mos)
        implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "CallStatsUpdate";

    public CallStatsUpdate {
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(thisStation, "thisStation");
        Objects.requireNonNull(otherStation, "otherStation");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
