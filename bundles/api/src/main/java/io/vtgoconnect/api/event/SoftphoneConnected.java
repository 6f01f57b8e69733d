package io.vtgoconnect.api.event;

/** The softphone runs and takes commands. */
public record SoftphoneConnected() implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "SoftphoneConnected";

    @Override
    public String topic() {
        return TOPIC;
    }
}
