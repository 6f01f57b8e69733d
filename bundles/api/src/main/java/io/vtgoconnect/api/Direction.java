package io.vtgoconnect.api;

/** The direction of a call, as the manual prints it in LineUpdate (empty when not known yet). */
public enum Direction {
    NONE(""),
    INCOMING("incoming"),
    OUTGOING("outgoing");

    private final String text;

    Direction(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
