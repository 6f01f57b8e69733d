package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/**
 * The audio levels of a call with media, in dBFS (-96 is silence, a full-scale sine about -3): what
 * the phone sent and what it received since the reading before, five readings a second. Not one of
 * the manual's events: it has its own topic group, {@link EventTopics#METER}, outside
 * {@link EventTopics#ALL}, so that it reaches only those who ask for it.
 */
public record AudioLevelUpdate(CallRef callRef, double sent, double received) implements VtgoEvent {
    public static final String TOPIC = EventTopics.METER + "AudioLevelUpdate";

    public AudioLevelUpdate {
        Objects.requireNonNull(callRef, "callRef");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
