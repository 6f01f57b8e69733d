package io.vtgoconnect.callmanager.internal.directory;

import io.vtgoconnect.api.secret.PasswordHash;
import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A PIN or password as the configuration keeps it: a salted slow hash (PBKDF2 with HMAC-SHA256,
 * written {@code pbkdf2:<iterations>:<salt hex>:<hash hex>}), or, for a configuration written by
 * hand before hashing, the plain value. A candidate is checked in constant time; one that matched
 * is remembered as a keyed fast hash, so that a client that gives the right secret on every request
 * (the agent API's HTTP Basic) costs one slow hash only.
 */
public final class Secret {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No secret configured. */
    public static final Secret NONE = new Secret(null, "");

    /** A hashed secret; null for a plain one. */
    private final PasswordHash hashed;
    private final String plain;
    private final byte[] fastKey = randomBytes(32);
    private volatile byte[] verified;

    private Secret(PasswordHash hashed, String plain) {
        this.hashed = hashed;
        this.plain = plain;
    }

    /** The configured value: a {@code pbkdf2:} hash, or a plain value (empty: none). */
    public static Secret of(String configured) {
        return PasswordHash.parse(configured).map(hashed -> new Secret(hashed, "")).orElseGet(() -> new Secret(null, configured));
    }

    /** Whether nothing is configured (a blank password, where one is allowed, is nothing too). */
    public boolean isEmpty() {
        return hashed == null && plain.isEmpty();
    }

    /** Whether the candidate is the secret. */
    public boolean matches(String candidate) {
        byte[] fast = mac(fastKey, candidate);
        byte[] known = verified;
        if (known != null && MessageDigest.isEqual(known, fast)) {
            return true;
        }
        boolean matches = hashed == null
                ? MessageDigest.isEqual(plain.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8))
                : hashed.matches(candidate);
        if (matches) {
            verified = fast;
        }
        return matches;
    }

    /** The configuration value for the plain secret: {@code pbkdf2:<iterations>:<salt>:<hash>}, with a new salt. */
    public static String hash(String plain) {
        return PasswordHash.of(plain);
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return isEmpty() ? "Secret[none]" : "Secret[set]";
    }

    /**
     * Prints the configuration value of a PIN or password typed at the terminal (not echoed), or read
     * from standard input: {@code java -cp io.vtgoconnect.callmanager-*.jar
     * io.vtgoconnect.callmanager.internal.directory.Secret}. With a line number and a realm as
     * arguments, prints the line's two HA1 values instead.
     */
    public static void main(String[] args) throws java.io.IOException {
        Console console = System.console();
        String plain = console != null ? new String(console.readPassword("Secret: "))
                : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (args.length == 2) {
            for (io.vtgoconnect.sipstack.DigestAlgorithm algorithm : io.vtgoconnect.sipstack.DigestAlgorithm.values()) {
                String key = algorithm == io.vtgoconnect.sipstack.DigestAlgorithm.MD5 ? ".ha1.md5" : ".ha1.sha256";
                System.out.println(key + "=" + algorithm.ha1(args[0], args[1], plain));
            }
        } else {
            System.out.println(hash(plain));
        }
    }
}
