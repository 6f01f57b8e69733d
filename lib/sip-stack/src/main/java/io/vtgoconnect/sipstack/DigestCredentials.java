package io.vtgoconnect.sipstack;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of an Authorization header (RFC 3261 22.4, RFC 7616, RFC 8760), as a server
 * checks them against the HA1 it keeps of the user's password.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
        DigestAlgorithm algorithm, String nonceCount, String cnonce) {

    /** Reads {@code Digest username="a", realm="b", ...}; empty when not Digest or incomplete. */
    public static Optional<DigestCredentials> parse(String headerValue) {
        String value = headerValue.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Digest")) {
            return Optional.empty();
        }
        Map<String, String> params = DigestChallenge.parameters(value.substring(space + 1));
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(params.getOrDefault("algorithm", "MD5"));
        String[] required = {params.get("username"), params.get("realm"), params.get("nonce"), params.get("uri"),
            params.get("response")};
        for (String parameter : required) {
            if (parameter == null) {
                return Optional.empty();
            }
        }
        boolean qopAuth = "auth".equalsIgnoreCase(params.get("qop"));
        return algorithm.map(known -> new DigestCredentials(required[0], required[1], required[2], required[3], required[4],
                known, qopAuth ? params.getOrDefault("nc", "") : null, qopAuth ? params.get("cnonce") : null));
    }

    /** Whether the response proves the HA1 (of this algorithm and realm) for the request's method, in constant time. */
    public boolean proves(String ha1, String method) {
        String expected = DigestResponse.response(algorithm, ha1, method, uri, nonce, nonceCount, cnonce);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
