package io.vtgoconnect.api.event;

import java.util.Objects;

/** One of the configured not ready reason codes, listed when the ACD requires a reason. */
public record NotReadyReasonCode(int code, String label) implements VtgoEvent {
    public static final String TOPIC = EventTopics.IPCC + "NotReadyReasonCode";

    public NotReadyReasonCode {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
