package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.DigestAlgorithm;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What answers a line's digest challenges: its password (read from its password file), or its HA1s
 * for one realm (given by the call server's device configuration, which never carries a password).
 * A digest answer needs the HA1 only, so a line given HA1s answers the challenges of their realm with
 * the algorithms it has one for, and no other. Its text never shows the secret.
 */
final class LineSecret {
    private final String password;
    private final String realm;
    private final Map<DigestAlgorithm, String> ha1s;

    private LineSecret(String password, String realm, Map<DigestAlgorithm, String> ha1s) {
        this.password = password;
        this.realm = realm;
        this.ha1s = ha1s;
    }

    /** The password; empty: an empty password (a line with no password file). */
    static LineSecret password(String password) {
        return new LineSecret(password, null, Map.of());
    }

    /** HA1s made for the realm, by algorithm; none: the line answers no challenge. */
    static LineSecret ha1s(String realm, Map<DigestAlgorithm, String> ha1s) {
        Map<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
        copy.putAll(ha1s);
        return new LineSecret(null, realm, copy);
    }

    /** The HA1 that answers a challenge of the algorithm and realm, for the user; empty when this secret has none. */
    Optional<String> ha1(DigestAlgorithm algorithm, String user, String challengeRealm) {
        if (password != null) {
            return Optional.of(algorithm.ha1(user, challengeRealm, password));
        }
        return realm.equals(challengeRealm) ? Optional.ofNullable(ha1s.get(algorithm)) : Optional.empty();
    }

    /** The same secret: a line whose password file changed is registered again. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LineSecret secret && Objects.equals(password, secret.password)
                && Objects.equals(realm, secret.realm) && ha1s.equals(secret.ha1s);
    }

    @Override
    public int hashCode() {
        return Objects.hash(password, realm, ha1s);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return password != null ? "LineSecret[password]" : "LineSecret[HA1s of " + ha1s.keySet() + " for " + realm + "]";
    }
}
