package io.vtgoconnect.ipcc.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An agent's ID and password, as HTTP Basic authentication sends them; the password is never shown. */
record Credentials(String agentId, String password) {
    String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((agentId + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + agentId + "]";
    }
}
