package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/** The far end is busy. */
public record PartyBusy(CallRef callRef) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "PartyBusy";

    public PartyBusy {
        Objects.requireNonNull(callRef, "callRef");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
