package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Digest responses against the worked examples of RFC 2617 and RFC 7616 (whose SHA-256 RFC 8760 brings to SIP). */
class DigestResponseTest {
    @Test
    void md5WithQopAuthMatchesRfc2617() {
        assertEquals("6629fae49393a05397450978507c4ef1", DigestResponse.response(DigestAlgorithm.MD5,
                DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life"), "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001", "0a4f113b"));
    }

    @Test
    void md5AndSha256MatchRfc7616() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", DigestResponse.response(DigestAlgorithm.MD5,
                DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life"), "GET", "/dir/index.html", nonce, "00000001", cnonce));
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestResponse.response(DigestAlgorithm.SHA_256,
                        DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life"), "GET", "/dir/index.html", nonce, "00000001", cnonce));
    }

    @Test
    void headerCarriesTheResponseButNeverTheSecret() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"127.0.0.1\", nonce=\"abc\", qop=\"auth\", "
                + "algorithm=SHA-256, opaque=\"xyz\"").orElseThrow();

        String ha1 = DigestAlgorithm.SHA_256.ha1("2001", "127.0.0.1", "secret-2001");
        String header = DigestResponse.headerValue(challenge, "2001", ha1, "REGISTER", "sip:127.0.0.1", "c0ffee");

        assertTrue(header.startsWith("Digest username=\"2001\", realm=\"127.0.0.1\", nonce=\"abc\", uri=\"sip:127.0.0.1\", response=\""), header);
        assertTrue(header.endsWith("algorithm=SHA-256, cnonce=\"c0ffee\", qop=auth, nc=00000001, opaque=\"xyz\""), header);
        assertFalse(header.contains("secret") || header.contains(ha1), header);
    }

    @Test
    void withoutQopTheResponseHasNoCnonce() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"").orElseThrow();

        String header = DigestResponse.headerValue(challenge, "u", DigestAlgorithm.MD5.ha1("u", "r", "p"), "REGISTER", "sip:r", "c");

        String expected = DigestAlgorithm.MD5.hash(DigestAlgorithm.MD5.hash("u:r:p") + ":n:" + DigestAlgorithm.MD5.hash("REGISTER:sip:r"));
        assertEquals("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"" + expected
                + "\", algorithm=MD5", header);
    }
}
