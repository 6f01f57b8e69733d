package io.vtgoconnect.api.transport;

import java.util.Objects;

/** A line of the phone: its id (1, 2, ...), directory number, label and button. */
public record LineConfig(int id, String number, String label, int button) {
    public LineConfig {
        Objects.requireNonNull(number, "number");
        label = label == null ? "" : label;
    }
}
