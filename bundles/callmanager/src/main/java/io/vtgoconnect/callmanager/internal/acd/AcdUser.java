package io.vtgoconnect.callmanager.internal.acd;

import java.time.Instant;
import java.util.Optional;

/** An agent as the agent API shows it at one moment (the User resource). */
record AcdUser(String id, String name, String team, String extension, AcdState state, Optional<AcdReasonCode> reason,
        Instant stateChanged) {
}
