package io.vtgoconnect.api.event;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import java.util.Objects;

/**
 * A line (or one call on it) changed state. {@code callRef} is {@link CallRef#NONE} for a line
 * with no call; {@code otherParty} is empty while not known.
 */
public record LineUpdate(int line, String number, String label, int button, LineState state,
        CallRef callRef, Direction direction, String otherParty) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "LineUpdate";

    public LineUpdate {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(direction, "direction");
        label = label == null ? "" : label;
        otherParty = otherParty == null ? "" : otherParty;
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
