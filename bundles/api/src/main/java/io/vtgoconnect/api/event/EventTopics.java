package io.vtgoconnect.api.event;

/** EventAdmin topics: one per event type, grouped so that handlers can subscribe to a group. */
public final class EventTopics {
    /** Every event of the manual: the phone's, its link's and the agent's (not the {@link #METER} readings). */
    public static final String ALL = "io/vtgoconnect/*";
    /** Events of the phone and its link to the call server. */
    public static final String PHONE = "io/vtgoconnect/phone/";
    /** Events of the contact-centre agent. */
    public static final String IPCC = "io/vtgoconnect/ipcc/";
    /**
     * Readings several times a second while a call has media ({@link AudioLevelUpdate}): a group
     * outside {@link #ALL}, so that handlers of every manual event do not take them unasked.
     */
    public static final String METER = "io/vtgoconnect-meter/";

    private EventTopics() {
    }
}
