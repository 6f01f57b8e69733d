package io.vtgoconnect.sipstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The digest algorithms of RFC 8760 that the phone answers, strongest first. */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String javaName;

    DigestAlgorithm(String token, String javaName) {
        this.token = token;
        this.javaName = javaName;
    }

    /** The name in the algorithm parameter, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    public static Optional<DigestAlgorithm> named(String token) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token.strip())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /**
     * HA1, {@code H(user:realm:password)} (RFC 7616 3.4.2): all a digest answer or its check needs of
     * the password, and only for that realm, which is why a registrar keeps it in place of the password.
     */
    public String ha1(String user, String realm, String password) {
        return hash(user + ":" + realm + ":" + password);
    }

    /** The lower-case hex digest of the text's UTF-8 bytes. */
    public String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has " + javaName, e);
        }
    }
}
