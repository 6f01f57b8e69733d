package io.vtgoconnect.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An SRTP master key and master salt. They are secrets: {@link #toString()} never shows them,
 * and the arrays are copied in and out.
 */
public final class MasterKey {
    private final byte[] key;
    private final byte[] salt;

    /**
     * @throws IllegalArgumentException unless the key is 16 bytes and the salt 14
     */
    public MasterKey(byte[] key, byte[] salt) {
        if (key.length != SrtpSuite.MASTER_KEY_LENGTH || salt.length != SrtpSuite.MASTER_SALT_LENGTH) {
            throw new IllegalArgumentException("an SRTP master key is 16 bytes and its salt 14, not " + key.length
                    + " and " + salt.length);
        }
        this.key = key.clone();
        this.salt = salt.clone();
    }

    /** A fresh key and salt from a cryptographically strong generator. */
    public static MasterKey generate(SecureRandom random) {
        byte[] key = new byte[SrtpSuite.MASTER_KEY_LENGTH];
        byte[] salt = new byte[SrtpSuite.MASTER_SALT_LENGTH];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new MasterKey(key, salt);
    }

    /** The master key bytes (a copy). */
    public byte[] key() {
        return key.clone();
    }

    /** The master salt bytes (a copy). */
    public byte[] salt() {
        return salt.clone();
    }

    /** Key then salt, as SDES's inline key-params carry them (a copy). */
    public byte[] keyAndSalt() {
        byte[] both = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, both, key.length, salt.length);
        return both;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey k && Arrays.equals(key, k.key) && Arrays.equals(salt, k.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt);
    }

    /** Never the key: a secret stays out of logs. */
    @Override
    public String toString() {
        return "MasterKey[hidden]";
    }
}
