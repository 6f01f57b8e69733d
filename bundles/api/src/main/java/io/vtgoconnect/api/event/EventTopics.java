package io.vtgoconnect.api.event;

/** EventAdmin topics: one per event type, grouped so that handlers can subscribe to a group. */
public final class EventTopics {
    /** Every VTGOConnect event. */
    public static final String ALL = "io/vtgoconnect/*";
    /** Events of the phone and its link to the call server. */
    public static final String PHONE = "io/vtgoconnect/phone/";
    /** Events of the contact-centre agent. */
    public static final String IPCC = "io/vtgoconnect/ipcc/";

    private EventTopics() {
    }
}
