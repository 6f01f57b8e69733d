package io.vtgoconnect.media.internal;

/** A datagram that is not a valid RTP, RTCP or telephone-event packet; it is dropped. */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
