package io.vtgoconnect.api.command;

import io.vtgoconnect.api.control.CallControl;
import java.util.Objects;

/** A phone a command acts on: its name, its device name as its call server knows it, and its call control. */
public record Phone(String name, String device, CallControl control) {
    public Phone {
        Objects.requireNonNull(name, "name");
        device = device == null ? "" : device;
        Objects.requireNonNull(control, "control");
    }
}
