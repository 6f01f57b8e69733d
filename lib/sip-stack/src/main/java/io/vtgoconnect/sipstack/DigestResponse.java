package io.vtgoconnect.sipstack;

/**
 * The answer to a Digest challenge (RFC 2617 3.2.2, RFC 7616, RFC 8760): the response hash and
 * the header value that carries it, made from the user's HA1 for the challenge's realm (see
 * {@link DigestAlgorithm#ha1}), so that whoever answers needs no password.
 */
public final class DigestResponse {
    private static final String NONCE_COUNT = "00000001";

    private DigestResponse() {
    }

    /** {@code response} for qop=auth (with {@code cnonce}) or, when {@code cnonce} is null, for no qop. */
    public static String response(DigestAlgorithm algorithm, String ha1, String method, String uri, String nonce,
            String nonceCount, String cnonce) {
        String ha2 = algorithm.hash(method + ":" + uri);
        String middle = cnonce == null ? nonce : nonce + ":" + nonceCount + ":" + cnonce + ":auth";
        return algorithm.hash(ha1 + ":" + middle + ":" + ha2);
    }

    /**
     * The Authorization or Proxy-Authorization header value answering the challenge, from the user's
     * HA1 for the challenge's algorithm and realm.
     */
    public static String headerValue(DigestChallenge challenge, String user, String ha1, String method, String uri,
            String cnonce) {
        String usedCnonce = challenge.offersQopAuth() ? cnonce : null;
        String response = response(challenge.algorithm(), ha1, method, uri, challenge.nonce(), NONCE_COUNT, usedCnonce);
        StringBuilder value = new StringBuilder("Digest username=\"").append(user)
                .append("\", realm=\"").append(challenge.realm())
                .append("\", nonce=\"").append(challenge.nonce())
                .append("\", uri=\"").append(uri)
                .append("\", response=\"").append(response)
                .append("\", algorithm=").append(challenge.algorithm().token());
        if (usedCnonce != null) {
            value.append(", cnonce=\"").append(usedCnonce).append("\", qop=auth, nc=").append(NONCE_COUNT);
        }
        if (challenge.opaque() != null) {
            value.append(", opaque=\"").append(challenge.opaque()).append('"');
        }
        return value.toString();
    }
}
