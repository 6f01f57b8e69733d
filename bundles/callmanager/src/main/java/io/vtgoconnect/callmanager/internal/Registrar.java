package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.DigestAlgorithm;
import io.vtgoconnect.sipstack.DigestCredentials;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.SipEndpoint;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The registrar (RFC 3261 10): who may register a line is proved by digest (SHA-256 or MD5,
 * RFC 8760) with the line's password; it keeps each line's contacts until they expire. Runs on the
 * server's worker.
 */
final class Registrar {
    /** How long a nonce may be answered. */
    private static final long NONCE_MILLIS = 5 * 60_000;
    private static final int DEFAULT_EXPIRY = 3600;
    private static final int NONCES_KEPT = 10_000;

    /** Where a registered line is reached, until when. */
    record Binding(SipURI contact, long expiresAtMillis) {
        int secondsLeft(long now) {
            return (int) Math.max(0, (expiresAtMillis - now) / 1000);
        }
    }

    private final SipEndpoint endpoint;
    private final Directory directory;
    private final String realm;
    private final int maxExpiry;
    /** What a registration is challenged with, strongest first; an answer must use one of them. */
    private final List<DigestAlgorithm> algorithms;
    private final Map<String, List<Binding>> bindings = new HashMap<>();
    private final Map<String, Long> nonces = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Told of each line that registered (a new or renewed contact). */
    private final Consumer<String> registered;

    Registrar(SipEndpoint endpoint, Directory directory, String realm, int maxExpiry, List<DigestAlgorithm> algorithms,
            Consumer<String> registered) {
        this.endpoint = endpoint;
        this.directory = directory;
        this.realm = realm;
        this.maxExpiry = maxExpiry;
        this.algorithms = List.copyOf(algorithms);
        this.registered = registered;
    }

    /** The algorithms named, in their order: {@code SHA-256}, {@code MD5}. */
    static List<DigestAlgorithm> algorithms(String... tokens) {
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

    /** The line's contacts that have not expired. */
    List<Binding> contacts(String number) {
        long now = System.currentTimeMillis();
        List<Binding> current = bindings.getOrDefault(number, List.of()).stream()
                .filter(binding -> binding.expiresAtMillis() > now).toList();
        if (current.isEmpty()) {
            bindings.remove(number);
        }
        return current;
    }

    /** Every registered line with its contacts. */
    Map<String, List<Binding>> all() {
        Map<String, List<Binding>> all = new LinkedHashMap<>();
        for (String number : new ArrayList<>(bindings.keySet())) {
            List<Binding> current = contacts(number);
            if (!current.isEmpty()) {
                all.put(number, current);
            }
        }
        return all;
    }

    void register(ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        Request request = transaction.getRequest();
        String number = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI() instanceof SipURI uri
                ? uri.getUser() : null;
        Optional<DirectoryLine.Entry> line = Optional.ofNullable(number).flatMap(directory::line);
        if (line.isEmpty()) {
            transaction.sendResponse(endpoint.messages.createResponse(Response.NOT_FOUND, request));
            return;
        }
        if (!authenticated(request, line.get())) {
            challenge(transaction);
            return;
        }
        Optional<Integer> refused = update(request, number);
        if (refused.isPresent()) {
            transaction.sendResponse(endpoint.messages.createResponse(refused.get(), request));
            return;
        }
        Response ok = endpoint.messages.createResponse(Response.OK, request);
        long now = System.currentTimeMillis();
        for (Binding binding : contacts(number)) {
            ContactHeader contact = endpoint.headers.createContactHeader(endpoint.addresses.createAddress(binding.contact()));
            contact.setExpires(binding.secondsLeft(now));
            ok.addHeader(contact);
        }
        ok.addHeader(endpoint.headers.createDateHeader(java.util.Calendar.getInstance()));
        transaction.sendResponse(ok);
    }

    private boolean authenticated(Request request, DirectoryLine.Entry line) {
        if (!(request.getHeader(AuthorizationHeader.NAME) instanceof AuthorizationHeader authorization)) {
            return false;
        }
        String text = authorization.toString();
        Optional<DigestCredentials> credentials = DigestCredentials.parse(text.substring(text.indexOf(':') + 1));
        return credentials.filter(answer -> answer.username().equals(line.number()) && answer.realm().equals(realm)
                && algorithms.contains(answer.algorithm()) && isFresh(answer.nonce()) && answer.proves(line.password(), request.getMethod())).isPresent();
    }

    private boolean isFresh(String nonce) {
        Long issued = nonces.get(nonce);
        return issued != null && System.currentTimeMillis() - issued < NONCE_MILLIS;
    }

    /** A 401 with one challenge per algorithm offered, the strongest first (RFC 8760 2.4). */
    private void challenge(ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        Response challenge = endpoint.messages.createResponse(Response.UNAUTHORIZED, transaction.getRequest());
        String nonce = HexFormat.of().formatHex(nextBytes());
        nonces.put(nonce, System.currentTimeMillis());
        if (nonces.size() > NONCES_KEPT) {
            Iterator<String> oldest = nonces.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        for (DigestAlgorithm algorithm : algorithms) {
            challenge.addHeader(endpoint.headers.createHeader("WWW-Authenticate", "Digest realm=\"" + realm + "\", nonce=\""
                    + nonce + "\", algorithm=" + algorithm.token() + ", qop=\"auth\""));
        }
        transaction.sendResponse(challenge);
    }

    private byte[] nextBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Adds, refreshes or removes the request's contacts. @return the status refusing them, if they are not acceptable */
    private Optional<Integer> update(Request request, String number) throws ParseException {
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        int defaultExpiry = expiresHeader == null ? DEFAULT_EXPIRY : expiresHeader.getExpires();
        List<Binding> current = new ArrayList<>(contacts(number));
        long now = System.currentTimeMillis();
        boolean added = false;
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.isWildCard()) {
                current.clear();
                continue;
            }
            if (!(contact.getAddress().getURI() instanceof SipURI uri) || !HostPort.isIpLiteral(uri.getHost())) {
                // Contacts are called back as they are: a name would need a resolver, which the server never uses.
                return Optional.of(Response.BAD_REQUEST);
            }
            int expiry = Math.min(maxExpiry, contact.getExpires() >= 0 ? contact.getExpires() : defaultExpiry);
            SipURI key = (SipURI) uri.clone();
            current.removeIf(binding -> sameContact(binding.contact(), key));
            if (expiry > 0) {
                current.add(new Binding(key, now + expiry * 1000L));
                added = true;
            }
        }
        if (current.isEmpty()) {
            bindings.remove(number);
        } else {
            bindings.put(number, current);
        }
        if (added) {
            registered.accept(number);
        }
        return Optional.empty();
    }

    private static boolean sameContact(SipURI a, SipURI b) {
        return a.getHost().equals(b.getHost()) && a.getPort() == b.getPort()
                && String.valueOf(a.getUser()).equals(String.valueOf(b.getUser()));
    }
}
