package io.vtgoconnect.callmanager.internal.registrar;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The nonces the server gave in its challenges (RFC 7616 3.3, 5.12): each is bound to the realm it
 * was issued for, expires, and counts the requests answered with it, so that an Authorization
 * sent again (with a nonce count not above the last one seen) is refused. Safe on every thread:
 * the server's partitions check answers side by side.
 */
public final class Nonces {
    /** What a nonce in an answer is worth. */
    public enum Check {
        /** Issued here for the realm, not expired, and the count is new: the answer may be checked. */
        FRESH,
        /** Issued here for the realm, but expired: the client may answer a new challenge at once (stale=true). */
        STALE,
        /** Unknown, of another realm, or its count was seen already (a replay). */
        REFUSED
    }

    private static final int KEPT = 10_000;

    private final long lifetimeMillis;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new LinkedHashMap<>();

    private static final class Issued {
        final String realm;
        final long atMillis;
        long lastCount;

        Issued(String realm, long atMillis) {
            this.realm = realm;
            this.atMillis = atMillis;
        }
    }

    public Nonces(long lifetimeMillis, LongSupplier clock) {
        this.lifetimeMillis = lifetimeMillis;
        this.clock = clock;
    }

    /** A new nonce for a challenge in the realm. */
    public synchronized String issue(String realm) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        issued.put(nonce, new Issued(realm, clock.getAsLong()));
        if (issued.size() > KEPT) {
            Iterator<String> oldest = issued.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return nonce;
    }

    /**
     * Checks the nonce and nonce count (hex, as in the nc parameter) of an answer; a fresh one's
     * count is then used up, whether or not the answer proves the password.
     */
    public synchronized Check use(String nonce, String realm, String nonceCount) {
        Issued known = issued.get(nonce);
        if (known == null || !known.realm.equals(realm)) {
            return Check.REFUSED;
        }
        if (clock.getAsLong() - known.atMillis >= lifetimeMillis) {
            issued.remove(nonce);
            return Check.STALE;
        }
        long count;
        try {
            count = nonceCount == null || nonceCount.length() != 8 ? -1 : Long.parseLong(nonceCount, 16);
        } catch (NumberFormatException e) {
            // An nc that is no 8-digit hex number counts nothing.
            count = -1;
        }
        if (count <= known.lastCount) {
            return Check.REFUSED;
        }
        known.lastCount = count;
        return Check.FRESH;
    }
}
