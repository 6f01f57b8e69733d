package io.vtgoconnect.callmanager.internal.registrar;

import io.vtgoconnect.callmanager.internal.calls.SipParts;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.sipstack.DigestAlgorithm;
import io.vtgoconnect.sipstack.DigestCredentials;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Digest authentication of the directory's lines (RFC 3261 22, RFC 7616, RFC 8760), as a PBX does
 * it: REGISTER is challenged with 401, the other requests with 407; an answer must name the line,
 * the realm, the request's Request-URI (or its host and port) and a fresh nonce of this server with a new
 * nonce count (qop=auth), and prove the line's HA1. Runs on any of the server's workers (its nonces are
 * shared safely).
 */
public final class Authenticator {
    /** How long a nonce may be answered. */
    public static final long NONCE_MILLIS = 5 * 60_000;

    private final SipParts sip;
    private final Directory directory;
    private final String realm;
    /** What a request is challenged with, strongest first; an answer must use one of them. */
    private final List<DigestAlgorithm> algorithms;
    private final Nonces nonces;

    public Authenticator(SipParts sip, Directory directory, String realm, List<DigestAlgorithm> algorithms,
            Nonces nonces) {
        this.sip = sip;
        this.directory = directory;
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.nonces = nonces;
    }

    /** The algorithms named, in their order: {@code SHA-256}, {@code MD5}. */
    public static List<DigestAlgorithm> algorithms(String... tokens) {
        List<DigestAlgorithm> algorithms = new ArrayList<>();
        for (String token : tokens) {
            algorithms.add(DigestAlgorithm.named(token).orElseThrow(() -> new IllegalArgumentException(
                    "Digest algorithm \"" + token + "\" is neither SHA-256 nor MD5")));
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("No digest algorithm: registrations need SHA-256, MD5 or both");
        }
        return algorithms;
    }

    /** What an answer to a challenge turned out to be. */
    public enum Outcome {
        /** It proves the line's password. */
        PROVED,
        /** Its nonce expired: challenged again with stale=true. */
        STALE,
        /** None, or wrong, replayed, of another line or realm. */
        REFUSED
    }

    /**
     * Whether the request proves the line's password, in its Authorization (REGISTER) or
     * Proxy-Authorization (others). A nonce count is used up by every answer that names it.
     */
    public Outcome check(Request request, DirectoryLine line) {
        String name = request.getMethod().equals(Request.REGISTER) ? AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME;
        Header header = request.getHeader(name);
        if (header == null) {
            return Outcome.REFUSED;
        }
        String text = header.toString();
        Optional<DigestCredentials> parsed = DigestCredentials.parse(text.substring(text.indexOf(':') + 1));
        if (parsed.isEmpty()) {
            return Outcome.REFUSED;
        }
        DigestCredentials answer = parsed.get();
        if (!answer.username().equals(line.number()) || !algorithms.contains(answer.algorithm()) || answer.cnonce() == null
                || !forThisRequest(answer.uri(), request)) {
            return Outcome.REFUSED;
        }
        Optional<String> ha1 = line.ha1(answer.algorithm(), realm);
        return switch (nonces.use(answer.nonce(), answer.realm(), answer.nonceCount())) {
            case STALE -> Outcome.STALE;
            case REFUSED -> Outcome.REFUSED;
            // The server keeps no password it need not: the answer is checked against the line's HA1.
            case FRESH -> ha1.filter(known -> answer.proves(known, request.getMethod())).isPresent()
                    ? Outcome.PROVED : Outcome.REFUSED;
        };
    }

    /**
     * Whether the answer's digest-uri is the request's Request-URI (RFC 3261 22.4, RFC 7616 3.4.6),
     * or its host and port alone, as SIPp and some phones send it: an answer made for another
     * server is not taken.
     */
    private boolean forThisRequest(String uri, Request request) {
        try {
            URI answered = sip.addresses().createURI(uri);
            return answered.equals(request.getRequestURI()) || answered instanceof SipURI named
                    && request.getRequestURI() instanceof SipURI target && named.getUser() == null
                    && named.getHost().equalsIgnoreCase(target.getHost()) && named.getPort() == target.getPort();
        } catch (ParseException notAUri) {
            // No request has it as its Request-URI.
            return false;
        }
    }

    /**
     * A 401 (REGISTER) or 407 (others) with one challenge per algorithm offered, the strongest first
     * (RFC 8760 2.4); {@code stale} when the answer's nonce had only expired.
     */
    public void challenge(ServerTransaction transaction, boolean stale) throws ParseException, SipException,
            InvalidArgumentException {
        boolean register = transaction.getRequest().getMethod().equals(Request.REGISTER);
        Response challenge = sip.messages().createResponse(register ? Response.UNAUTHORIZED
                : Response.PROXY_AUTHENTICATION_REQUIRED, transaction.getRequest());
        String nonce = nonces.issue(realm);
        for (DigestAlgorithm algorithm : algorithms) {
            challenge.addHeader(sip.headers().createHeader(register ? "WWW-Authenticate" : "Proxy-Authenticate",
                    "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : "")));
        }
        transaction.sendResponse(challenge);
    }

    /** Whether the number is a line of the directory (whose requests must be authenticated). */
    public boolean isLine(String number) {
        return directory.line(number).isPresent();
    }
}
