package io.vtgoconnect.api;

/** The state of a contact-centre (IPCC) agent, numbered as in the manual's transcripts. */
public enum AgentState {
    UNKNOWN("Unknown"),
    UNAVAILABLE("IPCC unavailable"),
    LOGGED_OUT("Logged Out"),
    NOT_READY("Not Ready"),
    READY("Ready"),
    WORK("Work"),
    WORK_NOT_READY("Work Not Ready"),
    WORK_READY("Work Ready"),
    TALKING("Talking"),
    HOLD("Hold"),
    RESERVED("Reserved");

    private final String label;

    AgentState(String label) {
        this.label = label;
    }

    /** The number the manual prints, e.g. 4 for Ready. */
    public int code() {
        return ordinal();
    }

    /** The label the manual prints, e.g. {@code Not Ready}. */
    public String label() {
        return label;
    }

    public static AgentState ofCode(int code) {
        AgentState[] states = values();
        if (code < 0 || code >= states.length) {
            throw new IllegalArgumentException("No agent state has code " + code);
        }
        return states[code];
    }
}
