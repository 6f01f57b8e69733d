package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.Replaces;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import static io.vtgoconnect.api.ErrorCode.ERROR_TRANSFER;


/**
 * Transfers by REFER (RFC 3515): one-step and attended (with Replaces, RFC 3891) from this end,
 * and, as the far end of someone else's transfer, calling whom the REFER names and reporting
 * how that call went in NOTIFYs.
 */
final class Transfers {
    private static final Pattern SIPFRAG_STATUS = Pattern.compile("^SIP/2\\.0\\s+((\\d{3}).*)$", Pattern.MULTILINE);
    /** The orbit a call server names in the final NOTIFY of a park. */
    private static final Pattern PARKED_AT = Pattern.compile("^2\\d\\d Parked at (\\S+)");
    /** How long the far end may keep its implicit subscription to a transfer it accepted. */
    private static final int SUBSCRIPTION_SECONDS = 60;

    private final PhoneStack stack;
    private final PhoneCalls calls;
    private final CallSignalling signalling;
    private final Dialler dialler;
    private final Logger log;

    Transfers(PhoneStack stack, PhoneCalls calls, CallSignalling signalling, Dialler dialler) {
        this.stack = stack;
        this.calls = calls;
        this.signalling = signalling;
        this.dialler = dialler;
        this.log = stack.logs().getLogger(Transfers.class);
    }

    /**
     * One-step transfer: asks the far end to call the destination and, once it accepts, ends this
     * call. @return completed when the far end accepted, or failed with its reason
     */
    CompletableFuture<Void> oneStep(SipCall call, String destination) {
        try {
            SipURI target = stack.messages().destinationUri(call.line.sip, destination);
            // A one-step transfer is done here once accepted; the far end reports the rest.
            return refer(call, target, statusLine -> { }).thenRun(() -> {
                if (calls.isActive(call)) {
                    signalling.hangUp(call);
                }
            });
        } catch (ParseException e) {
            throw new CommandException(ERROR_TRANSFER, "\"" + destination + "\" cannot be a transfer target: " + e.getMessage() + ".");
        }
    }

    /**
     * Attended transfer: asks the held call's far end to call the consulted party with a Replaces
     * of the consult call, so that those two talk; both calls here end when the far end reports it done.
     */
    CompletableFuture<Void> attended(SipCall held, SipCall consult) {
        if (consult.dialog == null || consult.dialog.getRemoteTag() == null || consult.isEarly() || consult.hasFailed()) {
            throw new CommandException(ERROR_TRANSFER, "Call " + consult.ref + " to " + consult.otherParty
                    + " is not answered yet, so it cannot be joined to call " + held.ref + ".");
        }
        try {
            SipURI target = stack.messages().destinationUri(held.line.sip, consult.otherParty);
            target.setHeader(Replaces.HEADER, Replaces.of(consult.dialog).uriEscaped());
            return refer(held, target, statusLine -> {
                if (statusLine.startsWith("2")) {
                    signalling.hangUp(held);
                    if (calls.isActive(consult)) {
                        signalling.hangUp(consult);
                    }
                }
            });
        } catch (ParseException e) {
            throw new CommandException(ERROR_TRANSFER, "Call " + consult.ref + " cannot be named in a transfer: "
                    + e.getMessage() + ".");
        }
    }

    /**
     * Park: a transfer to the call server's park code that is done when the server's final NOTIFY
     * names the orbit ({@code 200 Parked at 5801}): the call shows TsCallPark with the orbit as its
     * other party, then ends. @return completed then, or failed with the server's refusal
     */
    CompletableFuture<Void> park(SipCall call, String code) {
        CompletableFuture<Void> parked = new CompletableFuture<>();
        try {
            refer(call, stack.messages().numberUri(call.line.sip, code), statusLine -> {
                if (!statusLine.startsWith("2")) {
                    parked.completeExceptionally(new CommandException(ERROR_TRANSFER, "The call server did not park call "
                            + call.ref + ": " + statusLine + "."));
                    return;
                }
                Matcher orbit = PARKED_AT.matcher(statusLine);
                if (orbit.find()) {
                    call.otherParty = orbit.group(1);
                    calls.enter(call, LineState.CALL_PARK);
                }
                signalling.hangUp(call);
                parked.complete(null);
            }).exceptionally(refused -> {
                parked.completeExceptionally(refused);
                return null;
            });
        } catch (ParseException e) {
            throw new CommandException(ERROR_TRANSFER, "\"" + code + "\" cannot be a park code: " + e.getMessage() + ".");
        }
        return parked;
    }

    /** Sends the REFER; {@code whenReported} hears the status line of the far end's final NOTIFY. */
    private CompletableFuture<Void> refer(SipCall call, SipURI target, Consumer<String> whenReported) {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        try {
            Request refer = call.dialog.createRequest(Request.REFER);
            refer.addHeader(stack.endpoint().headers.createReferToHeader(stack.endpoint().addresses.createAddress(target)));
            refer.setHeader(stack.messages().contact(call.line.sip));
            stack.sender().sendInDialog(call.dialog, call.line.sip, refer, new Exchange() {
                @Override
                public void response(Response response, ClientTransaction transaction) {
                    int status = response.getStatusCode();
                    if (status < 200) {
                        return;
                    }
                    if (status < 300) {
                        call.whenTransferred = whenReported;
                        accepted.complete(null);
                    } else {
                        accepted.completeExceptionally(new CommandException(ERROR_TRANSFER,
                                "The far end refused the transfer: " + status + " " + response.getReasonPhrase() + "."));
                    }
                }

                @Override
                public void failed(String reason) {
                    accepted.completeExceptionally(new CommandException(ERROR_TRANSFER,
                            "The transfer request went unanswered: " + reason + "."));
                }
            });
        } catch (SipException | ParseException e) {
            throw new CommandException(ERROR_TRANSFER, "Call " + call.ref + " cannot be transferred: " + e.getMessage() + ".");
        }
        return accepted;
    }

    /** A NOTIFY of the transfer this end asked for: its final status tells how the transfer ended. */
    void notified(SipCall call, Request notify) {
        Matcher status = SIPFRAG_STATUS.matcher(MessageParts.body(notify).orElse(""));
        if (status.find() && Integer.parseInt(status.group(2)) >= 200 && call.whenTransferred != null && calls.isActive(call)) {
            Consumer<String> done = call.whenTransferred;
            call.whenTransferred = null;
            done.accept(status.group(1).strip());
        }
    }

    /**
     * The far end asks this phone to call someone (it transfers this call): accepted with 202,
     * the target is called from the same line (with the Replaces the REFER carries), and the
     * outcome is reported to the far end; this call ends when the new one is answered.
     */
    void accept(SipCall call, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        ReferToHeader referTo = (ReferToHeader) transaction.getRequest().getHeader(ReferToHeader.NAME);
        if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI target) || target.getUser() == null) {
            stack.respond(transaction, Response.BAD_REQUEST);
            return;
        }
        Optional<Header> replaces = Optional.ofNullable(target.getHeader(Replaces.HEADER))
                .map(escaped -> URLDecoder.decode(escaped, StandardCharsets.UTF_8)).flatMap(Replaces::parse)
                .map(parsed -> {
                    try {
                        return stack.endpoint().headers.createHeader(Replaces.HEADER, parsed.value());
                    } catch (ParseException e) {
                        log.warn("The transfer of call {} goes on without the Replaces it names: {}", call.ref,
                                e.getMessage());
                        return null;
                    }
                });
        stack.respond(transaction, Response.ACCEPTED);
        report(call, "100 Trying", SubscriptionStateHeader.ACTIVE);
        dialler.dial(call.line, target.getUser(), replaces, (status, reason) -> {
            report(call, status + " " + reason, SubscriptionStateHeader.TERMINATED);
            if (status / 100 == 2 && calls.isActive(call)) {
                signalling.hangUp(call);
            }
        });
    }

    /** Tells the transferor how the call it asked for goes, as a NOTIFY with a sipfrag (RFC 3515 2.4.5). */
    private void report(SipCall call, String statusLine, String subscriptionState) {
        if (!calls.isActive(call)) {
            return;
        }
        try {
            Request notify = call.dialog.createRequest(Request.NOTIFY);
            notify.addHeader(stack.endpoint().headers.createEventHeader("refer"));
            SubscriptionStateHeader state = stack.endpoint().headers.createSubscriptionStateHeader(subscriptionState);
            if (subscriptionState.equals(SubscriptionStateHeader.TERMINATED)) {
                state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
            } else {
                state.setExpires(SUBSCRIPTION_SECONDS);
            }
            notify.addHeader(state);
            notify.setHeader(stack.messages().contact(call.line.sip));
            notify.setContent("SIP/2.0 " + statusLine + "\r\n",
                    stack.endpoint().headers.createContentTypeHeader("message", "sipfrag;version=2.0"));
            stack.sender().sendInDialog(call.dialog, call.line.sip, notify, Exchange.ignored());
        } catch (SipException | ParseException | InvalidArgumentException e) {
            // The transferor learns the outcome from the calls themselves.
            log.warn("The progress of the transfer on call {} could not be reported (NOTIFY): {}", call.ref, e.getMessage());
        }
    }
}
