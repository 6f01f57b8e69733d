package io.vtgoconnect.callmanager.internal.acd;

/** An agent's state, named as the agent API (Finesse) names it. */
enum AcdState {
    LOGOUT,
    NOT_READY,
    READY,
    RESERVED,
    TALKING,
    HOLD,
    WORK,
    WORK_READY,
    WORK_NOT_READY;

    /** After-call work: the agent takes no call until the wrap-up time ends or they change state. */
    boolean isWork() {
        return this == WORK || this == WORK_READY || this == WORK_NOT_READY;
    }
}
