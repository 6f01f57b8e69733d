package io.vtgoconnect.callmanager.internal.registrar;

import io.vtgoconnect.callmanager.internal.calls.SipParts;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.sipstack.HostPort;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The registrar (RFC 3261 10): who may register a line is proved by digest ({@link Authenticator});
 * it keeps each line's contacts until they expire, in its {@link BindingStore} too, so that they
 * outlive a restart of the server. Runs on the server's worker.
 */
public final class Registrar {
    private static final int DEFAULT_EXPIRY = 3600;

    /** Where a registered line is reached, until when. */
    public record Binding(SipURI contact, long expiresAtMillis) {
        public int secondsLeft(long now) {
            return (int) Math.max(0, (expiresAtMillis - now) / 1000);
        }
    }

    private final SipParts sip;
    private final Directory directory;
    private final Authenticator authenticator;
    private final int maxExpiry;
    private final BindingStore store;
    private final LongSupplier clock;
    private final Map<String, List<Binding>> bindings = new HashMap<>();
    /** Told of each line that registered (a new or renewed contact). */
    private final Consumer<String> registered;

    public Registrar(SipParts sip, Directory directory, Authenticator authenticator, int maxExpiry, BindingStore store,
            LongSupplier clock, Consumer<String> registered) {
        this.sip = sip;
        this.directory = directory;
        this.authenticator = authenticator;
        this.maxExpiry = maxExpiry;
        this.store = store;
        this.clock = clock;
        this.registered = registered;
        store.load(sip.addresses()).forEach((number, kept) -> bindings.put(number, new ArrayList<>(kept)));
    }

    /** The line's contacts that have not expired. */
    public List<Binding> contacts(String number) {
        long now = clock.getAsLong();
        List<Binding> current = bindings.getOrDefault(number, List.of()).stream()
                .filter(binding -> binding.expiresAtMillis() > now).toList();
        if (current.isEmpty()) {
            bindings.remove(number);
        }
        return current;
    }

    /** Every registered line with its contacts. */
    public Map<String, List<Binding>> all() {
        Map<String, List<Binding>> all = new LinkedHashMap<>();
        for (String number : new ArrayList<>(bindings.keySet())) {
            List<Binding> current = contacts(number);
            if (!current.isEmpty()) {
                all.put(number, current);
            }
        }
        return all;
    }

    public void register(ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        Request request = transaction.getRequest();
        String number = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI() instanceof SipURI uri
                ? uri.getUser() : null;
        Optional<DirectoryLine> line = Optional.ofNullable(number).flatMap(directory::line);
        if (line.isEmpty()) {
            transaction.sendResponse(sip.messages().createResponse(Response.NOT_FOUND, request));
            return;
        }
        Authenticator.Outcome outcome = authenticator.check(request, line.get());
        if (outcome != Authenticator.Outcome.PROVED) {
            authenticator.challenge(transaction, outcome == Authenticator.Outcome.STALE);
            return;
        }
        Optional<Integer> refused = update(request, number);
        if (refused.isPresent()) {
            transaction.sendResponse(sip.messages().createResponse(refused.get(), request));
            return;
        }
        Response ok = sip.messages().createResponse(Response.OK, request);
        long now = clock.getAsLong();
        for (Binding binding : contacts(number)) {
            ContactHeader contact = sip.headers().createContactHeader(sip.addresses().createAddress(binding.contact()));
            contact.setExpires(binding.secondsLeft(now));
            ok.addHeader(contact);
        }
        ok.addHeader(sip.headers().createDateHeader(java.util.Calendar.getInstance()));
        transaction.sendResponse(ok);
    }

    /** Adds, refreshes or removes the request's contacts. @return the status refusing them, if they are not acceptable */
    private Optional<Integer> update(Request request, String number) {
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        int defaultExpiry = expiresHeader == null ? DEFAULT_EXPIRY : expiresHeader.getExpires();
        List<Binding> current = new ArrayList<>(contacts(number));
        long now = clock.getAsLong();
        boolean added = false;
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.isWildCard()) {
                current.clear();
                continue;
            }
            if (!(contact.getAddress().getURI() instanceof SipURI uri) || !HostPort.isUriIpLiteral(uri.getHost())) {
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
        store.save(all());
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
