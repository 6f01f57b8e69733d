package io.vtgoconnect.api.event;

/** The phone is registered with its call server. */
public record CallManagerConnected() implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "CallManagerConnected";

    @Override
    public String topic() {
        return TOPIC;
    }
}
