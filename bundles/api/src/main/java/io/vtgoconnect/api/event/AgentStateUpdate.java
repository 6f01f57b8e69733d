package io.vtgoconnect.api.event;

import io.vtgoconnect.api.AgentState;
import java.util.Objects;

/**
 * The agent's state. {@code refusal} is empty, or says why a requested change was refused, e.g.
 * {@code not ready reason required to go to not ready state}.
 */
public record AgentStateUpdate(AgentState state, String refusal) implements VtgoEvent {
    public static final String TOPIC = EventTopics.IPCC + "AgentState";

    public AgentStateUpdate {
        Objects.requireNonNull(state, "state");
        refusal = refusal == null ? "" : refusal;
    }

    public AgentStateUpdate(AgentState state) {
        this(state, "");
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
