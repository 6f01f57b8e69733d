package io.vtgoconnect.media;

import java.util.Locale;

/**
 * Which way a session's media flows, from this end's point of view, as in SDP's direction
 * attributes (RFC 3264 section 5.1): putting a call on hold makes it SENDONLY or INACTIVE.
 */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /**
     * The direction of an SDP attribute name such as {@code sendonly}.
     *
     * @throws IllegalArgumentException when it names no direction
     */
    public static MediaDirection fromSdpAttribute(String attribute) {
        return valueOf(attribute.toUpperCase(Locale.ROOT));
    }

    /** The SDP attribute name: sendrecv, sendonly, recvonly or inactive. */
    public String sdpAttribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this end sends RTP. */
    public boolean sends() {
        return sends;
    }

    /** Whether this end plays what it receives. */
    public boolean receives() {
        return receives;
    }
}
