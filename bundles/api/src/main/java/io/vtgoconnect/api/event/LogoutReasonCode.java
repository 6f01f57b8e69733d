package io.vtgoconnect.api.event;

import java.util.Objects;

/** One of the configured logout reason codes, listed when the ACD requires a reason. */
public record LogoutReasonCode(int code, String label) implements VtgoEvent {
    public static final String TOPIC = EventTopics.IPCC + "LogoutReasonCode";

    public LogoutReasonCode {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
