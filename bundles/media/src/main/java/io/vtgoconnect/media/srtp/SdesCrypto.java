package io.vtgoconnect.media.srtp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568 section 9.1): a tag, a suite and one inline
 * master key, {@code 1 AES_CM_128_HMAC_SHA1_80 inline:<base64 of key and salt>[|lifetime]}. An
 * offer lists one line per suite, each with a fresh key; the answer takes one of the offered
 * lines, keeps its tag and suite, and carries a fresh key of its own. Each end then sends with
 * its own key and receives with the other's ({@link SrtpKeys#of}).
 *
 * <p>Lines this end cannot honour are never chosen, though they parse: a master key index
 * (MKI), several keys, or any session parameter (KDR, UNENCRYPTED_SRTP, ...), since RFC 4568
 * section 6.3 makes an unsupported session parameter a reason to refuse the line.
 *
 * @param tag the line's tag, 1 to 999999999
 * @param suite the crypto suite
 * @param key the master key and salt
 * @param lifetime the key's lifetime in packets, or 0 when none is given
 * @param keyIndex the MKI as {@code value:length}, or an empty string
 * @param sessionParameters the session parameters, in order
 */
public record SdesCrypto(int tag, SrtpSuite suite, MasterKey key, long lifetime, String keyIndex,
        List<String> sessionParameters) {
    /** Longer attributes are refused unread: a line of ours is about 60 characters. */
    public static final int MAX_LENGTH = 512;
    private static final String PREFIX = "a=crypto:";
    private static final Pattern SPACES = Pattern.compile("[ \t]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    /** RFC 3711 section 9.2: an SRTP master key serves 2^48 packets at most. */
    private static final long MAX_LIFETIME = 1L << 48;

    public SdesCrypto {
        if (tag < 1 || tag > 999_999_999) {
            throw new IllegalArgumentException("a crypto tag is 1 to 999999999: " + tag);
        }
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyIndex, "keyIndex");
        sessionParameters = List.copyOf(sessionParameters);
    }

    /** A line with a fresh key, no lifetime, no MKI and no session parameter. */
    public static SdesCrypto withFreshKey(int tag, SrtpSuite suite, SecureRandom random) {
        return new SdesCrypto(tag, suite, MasterKey.generate(random), 0, "", List.of());
    }

    /** An offer: one line per suite, in the order given (most wanted first), tags 1, 2, ..., each with a fresh key. */
    public static List<SdesCrypto> offer(List<SrtpSuite> suites, SecureRandom random) {
        List<SdesCrypto> lines = new ArrayList<>(suites.size());
        for (SrtpSuite suite : suites) {
            lines.add(withFreshKey(lines.size() + 1, suite, random));
        }
        return lines;
    }

    /**
     * The offered line to answer: the first, in the offerer's order, whose suite is acceptable and
     * that this end can honour; empty when there is none (the offer must then be refused, or
     * answered without SRTP where SRTP is optional).
     */
    public static Optional<SdesCrypto> choose(List<SdesCrypto> offered, List<SrtpSuite> acceptable) {
        return offered.stream().filter(line -> acceptable.contains(line.suite()) && line.supported()).findFirst();
    }

    /** The answer to this offered line: the same tag and suite, a fresh key. */
    public SdesCrypto answer(SecureRandom random) {
        return withFreshKey(tag, suite, random);
    }

    /** Whether this end can use the line: no MKI, no session parameter. */
    public boolean supported() {
        return keyIndex.isEmpty() && sessionParameters.isEmpty();
    }

    /**
     * Parses an attribute's value, with or without its {@code a=crypto:} prefix.
     *
     * @throws IllegalArgumentException with a plain sentence when it is not a crypto attribute of
     *         a suite this end knows
     */
    public static SdesCrypto parse(String attribute) {
        if (attribute.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a crypto attribute longer than " + MAX_LENGTH + " characters");
        }
        String value = attribute.strip();
        if (value.startsWith(PREFIX)) {
            value = value.substring(PREFIX.length());
        }
        String[] fields = SPACES.split(value.strip());
        if (fields.length < 3) {
            throw new IllegalArgumentException("a crypto attribute needs a tag, a suite and key parameters");
        }
        if (!DIGITS.matcher(fields[0]).matches() || fields[0].length() > 9) {
            throw new IllegalArgumentException("the crypto tag is not a number of 1 to 9 digits");
        }
        SrtpSuite suite = SrtpSuite.named(fields[1])
                .orElseThrow(() -> new IllegalArgumentException("unknown crypto suite " + printable(fields[1])));
        String keyParams = fields[2];
        if (keyParams.contains(";")) {
            // Several keys come with MKIs to tell them apart, which this end does not use.
            return new SdesCrypto(Integer.parseInt(fields[0]), suite, parseKey(keyParams.split(";")[0]),
                    0, "several keys", List.of(Arrays.copyOfRange(fields, 3, fields.length)));
        }
        String[] parts = keyParams.split("\\|", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("the inline key has more than a lifetime and an MKI");
        }
        long lifetime = 0;
        String keyIndex = "";
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].contains(":")) {
                keyIndex = parseKeyIndex(parts[i]);
            } else if (i == 1) {
                lifetime = parseLifetime(parts[i]);
            } else {
                throw new IllegalArgumentException("the inline key's last part is not an MKI (value:length)");
            }
        }
        return new SdesCrypto(Integer.parseInt(fields[0]), suite, parseKey(parts[0]), lifetime, keyIndex,
                List.of(Arrays.copyOfRange(fields, 3, fields.length)));
    }

    /** The attribute's value, without {@code a=crypto:}, e.g. {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...}. */
    public String attributeValue() {
        StringBuilder line = new StringBuilder().append(tag).append(' ').append(suite.sdesName()).append(" inline:")
                .append(Base64.getEncoder().encodeToString(key.keyAndSalt()));
        if (lifetime > 0) {
            line.append('|').append(lifetime);
        }
        if (!keyIndex.isEmpty()) {
            line.append('|').append(keyIndex);
        }
        sessionParameters.forEach(parameter -> line.append(' ').append(parameter));
        return line.toString();
    }

    /** The SDP line, {@code a=crypto:...}. */
    public String sdpLine() {
        return PREFIX + attributeValue();
    }

    /** Never the key: it is a secret. */
    @Override
    public String toString() {
        return "SdesCrypto[" + tag + " " + suite + " key hidden" + (keyIndex.isEmpty() ? "" : " MKI " + keyIndex)
                + (sessionParameters.isEmpty() ? "" : " " + sessionParameters) + "]";
    }

    private static MasterKey parseKey(String keyParam) {
        if (!keyParam.startsWith("inline:")) {
            throw new IllegalArgumentException("the key method is not inline");
        }
        byte[] keyAndSalt;
        try {
            keyAndSalt = Base64.getDecoder().decode(keyParam.substring("inline:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the inline key is not base64");
        }
        if (keyAndSalt.length != SrtpSuite.MASTER_KEY_LENGTH + SrtpSuite.MASTER_SALT_LENGTH) {
            throw new IllegalArgumentException("the inline key is " + keyAndSalt.length
                    + " bytes, not the 30 of a 128-bit key and 112-bit salt");
        }
        return new MasterKey(Arrays.copyOf(keyAndSalt, SrtpSuite.MASTER_KEY_LENGTH),
                Arrays.copyOfRange(keyAndSalt, SrtpSuite.MASTER_KEY_LENGTH, keyAndSalt.length));
    }

    private static long parseLifetime(String text) {
        long lifetime;
        if (text.startsWith("2^") && DIGITS.matcher(text.substring(2)).matches()
                && Integer.parseInt(text.substring(2)) <= 48) {
            lifetime = 1L << Integer.parseInt(text.substring(2));
        } else if (DIGITS.matcher(text).matches()) {
            lifetime = Long.parseLong(text);
        } else {
            throw new IllegalArgumentException("the key lifetime is neither a number nor 2^n");
        }
        if (lifetime < 1 || lifetime > MAX_LIFETIME) {
            throw new IllegalArgumentException("the key lifetime is out of 1 to 2^48 packets");
        }
        return lifetime;
    }

    private static String parseKeyIndex(String text) {
        String[] valueAndLength = text.split(":", -1);
        if (valueAndLength.length != 2 || !DIGITS.matcher(valueAndLength[0]).matches()
                || !DIGITS.matcher(valueAndLength[1]).matches()) {
            throw new IllegalArgumentException("the MKI is not value:length");
        }
        return text;
    }

    /** A peer's text, cut and stripped of control characters, for an error message. */
    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
