package io.vtgoconnect.api.event;

/** A keep-alive with the call server succeeded. */
public record ConnectionKeepAlive() implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "ConnectionKeepAlive";

    @Override
    public String topic() {
        return TOPIC;
    }
}
