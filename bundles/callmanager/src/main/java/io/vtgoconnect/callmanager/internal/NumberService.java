package io.vtgoconnect.callmanager.internal;

import java.util.Optional;

/** Numbers the server answers itself (test endpoints, voicemail, park orbits, meet-me, feature codes). */
interface NumberService {
    /** Whether the number dialled is this service's. */
    boolean handles(String number);

    /**
     * Takes the caller's leg, not yet answered. {@code divertedFrom} is the number first called when
     * the call was redirected here (for instance to voicemail).
     */
    void take(Leg caller, String number, Optional<String> divertedFrom);
}
