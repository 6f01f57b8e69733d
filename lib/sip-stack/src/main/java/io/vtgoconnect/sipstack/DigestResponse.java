package io.vtgoconnect.sipstack;

/**
 * The answer to a Digest challenge (RFC 2617 3.2.2, RFC 7616, RFC 8760): the response hash and
 * the header value that carries it. The password enters the hash only.
 */
public final class DigestResponse {
    private static final String NONCE_COUNT = "00000001";

    private DigestResponse() {
    }

    /** {@code response} for qop=auth (with {@code cnonce}) or, when {@code cnonce} is null, for no qop. */
    public static String response(DigestAlgorithm algorithm, String user, String realm, String password, String method,
            String uri, String nonce, String nonceCount, String cnonce) {
        String ha1 = algorithm.hash(user + ":" + realm + ":" + password);
        String ha2 = algorithm.hash(method + ":" + uri);
        String middle = cnonce == null ? nonce : nonce + ":" + nonceCount + ":" + cnonce + ":auth";
        return algorithm.hash(ha1 + ":" + middle + ":" + ha2);
    }

    /** The Authorization or Proxy-Authorization header value answering the challenge. */
    public static String headerValue(DigestChallenge challenge, String user, String password, String method, String uri,
            String cnonce) {
        String usedCnonce = challenge.offersQopAuth() ? cnonce : null;
        String response = response(challenge.algorithm(), user, challenge.realm(), password, method, uri,
                challenge.nonce(), NONCE_COUNT, usedCnonce);
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
