package io.vtgoconnect.api;

/** The state of a line, numbered in the manual's order. */
public enum LineState {
    IDLE("TsIdle"),
    OFF_HOOK("TsOffHook"),
    ON_HOOK("TsOnHook"),
    RING_OUT("TsRingOut"),
    RING_IN("TsRingIn"),
    CONNECTED("TsConnected"),
    BUSY("TsBusy"),
    CONGESTION("TsCongestion"),
    HOLD("TsHold"),
    CALL_WAITING("TsCallWaiting"),
    CALL_TRANSFER("TsCallTransfer"),
    CALL_PARK("TsCallPark"),
    PROCEED("TsProceed"),
    CALL_REMOTE_MULTILINE("TsCallRemoteMultiline"),
    INVALID_NUMBER("TsInvalidNumber");

    private final String manualName;

    LineState(String manualName) {
        this.manualName = manualName;
    }

    /** The number the manual prints, e.g. 5 for TsConnected. */
    public int code() {
        return ordinal();
    }

    /** The name the manual prints, e.g. {@code TsConnected}. */
    public String manualName() {
        return manualName;
    }

    /** Whether a call in this state is ringing in and can be answered. */
    public boolean isRingingIn() {
        return this == RING_IN || this == CALL_WAITING;
    }

    /** Whether a call in this state has ended and leaves the line. */
    public boolean isFinal() {
        return this == IDLE || this == ON_HOOK;
    }

    public static LineState ofCode(int code) {
        LineState[] states = values();
        if (code < 0 || code >= states.length) {
            throw new IllegalArgumentException("No line state has code " + code);
        }
        return states[code];
    }
}
