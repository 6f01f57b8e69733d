package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.DigestChallenge;
import io.vtgoconnect.sipstack.DigestResponse;
import io.vtgoconnect.sipstack.Exchange;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.Optional;
import java.util.UUID;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;

/**
 * Sends requests in new client transactions, out of a dialog or in one, and answers a 401 or 407
 * challenge once with the line's credentials (strongest digest algorithm offered first), so that
 * an exchange sees only the responses after authentication. In a dialog, the request is sent again
 * as the dialog's next one (RFC 3261 22.2: a new CSeq, the same Call-ID and tags).
 */
final class RequestSender {
    private final SipProvider provider;
    private final SipMessages messages;
    private final Logger log;

    RequestSender(SipProvider provider, SipMessages messages, Logger log) {
        this.provider = provider;
        this.messages = messages;
        this.log = log;
    }

    /** What a client transaction carries, so that its responses find their way back; {@code dialog} is null out of one. */
    private record Attempt(SipLine line, Dialog dialog, Exchange exchange, boolean authorized) {
    }

    /** Sends the request; failures to send reach the exchange, never the caller. @return its transaction, or null when it could not be sent */
    ClientTransaction send(Request request, SipLine line, Exchange exchange) {
        return send(request, new Attempt(line, null, exchange, false));
    }

    private ClientTransaction send(Request request, Attempt attempt) {
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(attempt);
            if (request.getMethod().equals(Request.INVITE)) {
                // Without automatic dialog support the INVITE's dialog is made before it is sent.
                provider.getNewDialog(transaction);
            }
            transaction.sendRequest();
            return transaction;
        } catch (SipException | RuntimeException e) {
            attempt.exchange().failed("cannot send to " + request.getRequestURI() + ": " + describe(e));
            return null;
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Sends a request of the dialog, made by {@link Dialog#createRequest}, with the line's credentials when challenged. */
    void sendInDialog(Dialog dialog, SipLine line, Request request, Exchange exchange) {
        sendInDialog(request, new Attempt(line, dialog, exchange, false));
    }

    private void sendInDialog(Request request, Attempt attempt) {
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(attempt);
            attempt.dialog().sendRequest(transaction);
        } catch (SipException | RuntimeException e) {
            attempt.exchange().failed("cannot send " + request.getMethod() + ": " + describe(e));
        }
    }

    /** Whether the transaction is one of ours; its response then went where it belongs. */
    boolean responded(Response response, ClientTransaction transaction) {
        if (transaction == null || !(transaction.getApplicationData() instanceof Attempt attempt)) {
            return false;
        }
        int status = response.getStatusCode();
        boolean challenged = status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
        if (challenged && !attempt.authorized()) {
            Optional<Request> authorized = authorize(transaction.getRequest(), response, attempt);
            if (authorized.isPresent()) {
                Attempt again = new Attempt(attempt.line(), attempt.dialog(), attempt.exchange(), true);
                if (again.dialog() == null) {
                    send(authorized.get(), again);
                } else {
                    sendInDialog(authorized.get(), again);
                }
                return true;
            }
        }
        attempt.exchange().response(response, transaction);
        return true;
    }

    boolean failed(ClientTransaction transaction, String reason) {
        if (transaction == null || !(transaction.getApplicationData() instanceof Attempt attempt)) {
            return false;
        }
        attempt.exchange().failed(reason);
        return true;
    }

    private Optional<Request> authorize(Request request, Response challenge, Attempt attempt) {
        SipLine line = attempt.line();
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        Optional<DigestChallenge> strongest = strongestChallenge(challenge,
                proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME, line);
        if (strongest.isEmpty()) {
            return Optional.empty();
        }
        String ha1 = line.secret().ha1(strongest.get().algorithm(), line.authUser(), strongest.get().realm()).orElseThrow();
        try {
            Request copy = attempt.dialog() == null ? messages.resend(request)
                    : messages.nextInDialog(attempt.dialog(), request);
            String value = DigestResponse.headerValue(strongest.get(), line.authUser(), ha1,
                    request.getMethod(), copy.getRequestURI().toString(), UUID.randomUUID().toString().replace("-", ""));
            copy.setHeader(messages.headers().createHeader(
                    proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME, value));
            return Optional.of(copy);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            log.warn("The {} could not be sent again with credentials: {}", request.getMethod(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The strongest challenge of the response that the line's secret can answer (its HA1s answer their realm only). */
    private static Optional<DigestChallenge> strongestChallenge(Response challenge, String headerName, SipLine line) {
        Optional<DigestChallenge> strongest = Optional.empty();
        for (ListIterator<?> it = challenge.getHeaders(headerName); it.hasNext(); ) {
            String header = ((Header) it.next()).toString();
            String value = header.substring(header.indexOf(':') + 1);
            Optional<DigestChallenge> parsed = DigestChallenge.parse(value)
                    .filter(offered -> line.secret().ha1(offered.algorithm(), line.authUser(), offered.realm()).isPresent());
            if (parsed.isPresent() && (strongest.isEmpty()
                    || parsed.get().algorithm().ordinal() < strongest.get().algorithm().ordinal())) {
                strongest = parsed;
            }
        }
        return strongest;
    }
}
