package io.vtgoconnect.callmanager.internal.calls;

import java.util.Optional;

/** Numbers the server answers itself (test endpoints, voicemail, park orbits, meet-me, feature codes). */
public interface NumberService {
    /** Whether the number dialled is this service's. */
    boolean handles(String number);

    /**
     * Takes the caller's leg, not yet answered (or already answered, when it was transferred here).
     * {@code divertedFrom} is the number first called when the call was redirected here (for
     * instance to voicemail), or the transferor's number when it was transferred here.
     */
    void take(Leg caller, String number, Optional<String> divertedFrom);
}
