package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/** A call this phone parked was not retrieved in time and rings back on line {@code line}. */
public record CallParkReturned(CallRef callRef, String line, String otherParty) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "CallParkReturned";

    public CallParkReturned {
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(line, "line");
        otherParty = otherParty == null ? "" : otherParty;
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
