package io.vtgoconnect.api.event;

/** A speed dial of the phone: its id, number, label and button. */
public record SpeedDialUpdate(int id, String number, String label, int button) implements VtgoEvent {
    public static final String TOPIC = EventTopics.PHONE + "SpeedDialUpdate";

    public SpeedDialUpdate {
        number = number == null ? "" : number;
        label = label == null ? "" : label;
    }

    @Override
    public String topic() {
        return TOPIC;
    }
}
