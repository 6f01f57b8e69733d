package io.vtgoconnect.api.event;

/** The softphone stopped; {@code reason} says why (it is not part of the manual's line). */
public record SoftphoneDisconnected(String reason) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "SoftphoneDisconnected";

    public SoftphoneDisconnected {
        reason = reason == null ? "" : reason;
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
