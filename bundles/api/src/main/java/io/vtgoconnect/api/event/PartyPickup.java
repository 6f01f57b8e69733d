package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/** The far end answered the call, or resumed it. */
public record PartyPickup(CallRef callRef) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "PartyPickup";

    public PartyPickup {
        Objects.requireNonNull(callRef, "callRef");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
