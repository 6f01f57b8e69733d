package io.vtgoconnect.sipstack;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A Digest challenge of a WWW-Authenticate or Proxy-Authenticate header (RFC 3261 22.4, RFC 8760). */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, boolean offersQopAuth,
        boolean stale) {

    /** Reads the header's value, e.g. {@code Digest realm="a", nonce="b", qop="auth"}; empty when not Digest or its algorithm is unknown. */
    public static Optional<DigestChallenge> parse(String headerValue) {
        String value = headerValue.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Digest")) {
            return Optional.empty();
        }
        Map<String, String> params = parameters(value.substring(space + 1));
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(params.getOrDefault("algorithm", "MD5"));
        String nonce = params.get("nonce");
        if (algorithm.isEmpty() || nonce == null) {
            return Optional.empty();
        }
        boolean qopAuth = false;
        for (String qop : params.getOrDefault("qop", "").split(",")) {
            qopAuth |= qop.strip().equalsIgnoreCase("auth");
        }
        return Optional.of(new DigestChallenge(params.getOrDefault("realm", ""), nonce, params.get("opaque"),
                algorithm.get(), qopAuth, "true".equalsIgnoreCase(params.get("stale"))));
    }

    /** {@code name=value} pairs separated by commas; values may be quoted and hold commas. */
    static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String name = text.substring(i, equals).replace(",", "").strip().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            String value;
            if (start < text.length() && text.charAt(start) == '"') {
                int close = text.indexOf('"', start + 1);
                close = close < 0 ? text.length() : close;
                value = text.substring(start + 1, close);
                i = close + 1;
            } else {
                int comma = text.indexOf(',', start);
                comma = comma < 0 ? text.length() : comma;
                value = text.substring(start, comma).strip();
                i = comma;
            }
            params.put(name, value);
            i = Math.min(text.length(), i + 1);
        }
        return params;
    }
}
