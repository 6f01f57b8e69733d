package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import java.util.Objects;

/** A call rings in on the line with directory number {@code line}, from {@code callerId}. */
public record IncomingCall(CallRef callRef, String line, String callerId) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "IncomingCall";

    public IncomingCall {
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(line, "line");
        callerId = callerId == null ? "" : callerId;
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
