package io.vtgoconnect.api.secret;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password or token as configuration keeps it: PBKDF2 with HMAC-SHA256, written
 * {@code pbkdf2:<iterations>:<salt hex>:<hash hex>} (as the call server's secrets are). Run as a
 * program it prints the hash of what is typed (not echoed) or piped in.
 */
public final class PasswordHash {
    private static final Pattern HASHED = Pattern.compile("pbkdf2:(\\d{1,7}):([0-9a-f]{16,128}):([0-9a-f]{32,128})");
    private static final int ITERATIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** The configured hash; empty when the value is no {@code pbkdf2:} hash (a plain secret is never taken here). */
    public static Optional<PasswordHash> parse(String configured) {
        Matcher hashed = HASHED.matcher(configured.strip().toLowerCase(Locale.ROOT));
        if (!hashed.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PasswordHash(Integer.parseInt(hashed.group(1)), HexFormat.of().parseHex(hashed.group(2)),
                HexFormat.of().parseHex(hashed.group(3))));
    }

    /** Whether the candidate is the secret, compared in constant time. */
    public boolean matches(String candidate) {
        return MessageDigest.isEqual(hash, pbkdf2(candidate, salt, iterations, hash.length * 8));
    }

    /** The configuration value of the plain secret, with a new salt. */
    public static String of(String plain) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2:" + ITERATIONS + ":" + HexFormat.of().formatHex(salt) + ":"
                + HexFormat.of().formatHex(pbkdf2(plain, salt, ITERATIONS, 256));
    }

    private static byte[] pbkdf2(String candidate, byte[] salt, int iterations, int bits) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(candidate.toCharArray(), salt, Math.max(1, iterations), bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has PBKDF2WithHmacSHA256", e);
        }
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "PasswordHash[pbkdf2]";
    }

    /** {@code java -cp io.vtgoconnect.api-*.jar io.vtgoconnect.api.secret.PasswordHash}: prints the hash of the secret typed. */
    public static void main(String[] args) throws IOException {
        Console console = System.console();
        String plain = console != null ? new String(console.readPassword("Secret: "))
                : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(of(plain));
    }
}
