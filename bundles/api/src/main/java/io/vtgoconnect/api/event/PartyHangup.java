package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/** The call ended: the far end hung up, or this end did. */
public record PartyHangup(CallRef callRef) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "PartyHangup";

    public PartyHangup {
        Objects.requireNonNull(callRef, "callRef");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
