package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of each DTMF digit received as an RFC 4733 telephone event, once per event. Called on the
 * engine's receive thread: return quickly and never block.
 */
@ConsumerType
@FunctionalInterface
public interface DtmfListener {
    /** A digit: 0-9, *, # or A-D. */
    void digitReceived(char digit);
}
