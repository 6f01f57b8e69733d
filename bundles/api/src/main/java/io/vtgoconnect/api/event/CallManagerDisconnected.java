package io.vtgoconnect.api.event;

/** The registration with the call server was lost, refused or removed; {@code reason} says why (it is not part of the manual's line). */
public record CallManagerDisconnected(String reason) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "CallManagerDisconnected";

    public CallManagerDisconnected {
        reason = reason == null ? "" : reason;
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
