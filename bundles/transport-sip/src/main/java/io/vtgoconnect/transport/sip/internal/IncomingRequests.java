package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallParkReturned;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.Replaces;
import io.vtgoconnect.sipstack.SessionDescription;
import io.vtgoconnect.sipstack.SrtpPolicy;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.AlertInfoHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;

/** Answers the requests the far ends send: new calls, changes and ends of calls, digits, transfers. */
final class IncomingRequests {
    /** The digit of an {@code application/dtmf-relay} INFO body. */
    private static final Pattern SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*([0-9*#A-D])\\s*$");
    /** The Alert-Info of a call the call server rings back because it was parked here and nobody took it. */
    private static final String PARK_RETURN = "urn:x-vtgoconnect:park-return";
    /** Who the far end is, as the call server asserts it (RFC 3325). */
    private static final String ASSERTED_IDENTITY = "P-Asserted-Identity";
    /** How much of an exception's message a log line keeps. */
    private static final int LONGEST_REASON = 100;

    private final PhoneStack stack;
    private final PhoneCalls calls;
    private final PhoneMedia media;
    private final CallSignalling signalling;
    private final Transfers transfers;
    private final CallDiversion diversion;
    private final List<PhoneLine> lines;
    private final List<String> codecs;
    private final CallRefs callRefs;
    /** What the phone does when the call server says its configuration changed (NOTIFY check-sync). */
    private final Runnable resync;
    private final Logger log;

    IncomingRequests(PhoneStack stack, PhoneCalls calls, PhoneMedia media, CallSignalling signalling, Transfers transfers,
            CallDiversion diversion, List<PhoneLine> lines, List<String> codecs, CallRefs callRefs, Runnable resync) {
        this.stack = stack;
        this.calls = calls;
        this.media = media;
        this.signalling = signalling;
        this.transfers = transfers;
        this.diversion = diversion;
        this.lines = lines;
        this.codecs = codecs;
        this.callRefs = callRefs;
        this.resync = resync;
        this.log = stack.logs().getLogger(IncomingRequests.class);
    }

    void handle(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            return;
        }
        try {
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : stack.endpoint().provider().getNewServerTransaction(request);
            Optional<SipCall> call = callOf(event);
            switch (method) {
                case Request.INVITE -> {
                    if (call.isPresent()) {
                        remoteReinvite(call.get(), transaction);
                    } else if (inDialog(request)) {
                        // A change to a call that ended here (a hold crossing our BYE) is no new call.
                        stack.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    } else {
                        incomingCall(transaction);
                    }
                }
                case Request.BYE -> {
                    // Reported before the answer leaves, as every change the far end causes here: what it
                    // does next (an ACD telling the agent's desktop, say) is then reported after.
                    call.ifPresent(calls::end);
                    stack.respond(transaction, Response.OK);
                }
                case Request.CANCEL -> cancelled(transaction);
                case Request.INFO -> {
                    stack.respond(transaction, Response.OK);
                    call.ifPresent(known -> infoDigit(request).ifPresent(digit -> calls.digitReceived(known.ref, digit)));
                }
                case Request.REFER -> {
                    if (call.isPresent()) {
                        transfers.accept(call.get(), transaction);
                    } else {
                        stack.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    }
                }
                case Request.NOTIFY -> {
                    // Besides a transfer's progress: the call server's message-waiting indication (RFC 3842), and
                    // its check-sync, which says the device's configuration changed.
                    String eventType = eventOf(request);
                    stack.respond(transaction, call.isPresent() || eventType.equals("message-summary")
                            || eventType.equals("check-sync") ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    call.ifPresent(known -> transfers.notified(known, request));
                    if (call.isEmpty() && eventType.equals("check-sync")) {
                        resync.run();
                    }
                }
                case Request.UPDATE -> {
                    stack.respond(transaction, call.isPresent() ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    call.ifPresent(known -> partyChanged(known, request));
                }
                case Request.OPTIONS -> stack.respond(transaction, Response.OK);
                default -> stack.respond(transaction, Response.NOT_IMPLEMENTED);
            }
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            // Left to the far end's timers; what went wrong is said in one line, cut short, as it may quote the request.
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            log.warn("A {} request was left unanswered: {}: {}", method, e.getClass().getSimpleName(),
                    why.length() > LONGEST_REASON ? why.substring(0, LONGEST_REASON) + "..." : why);
        }
    }

    /** The call a request within a dialog belongs to (a request without a To tag starts a new one). */
    private Optional<SipCall> callOf(RequestEvent event) {
        Optional<SipCall> byDialog = calls.ofDialog(event.getDialog());
        if (byDialog.isPresent() || !inDialog(event.getRequest())) {
            return byDialog;
        }
        return calls.withCallId(((CallIdHeader) event.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
    }

    /**
     * The call server says who the far end is now (a P-Asserted-Identity, RFC 3325, after it
     * transferred the call behind this phone): OtherParty follows.
     */
    private void partyChanged(SipCall call, Request update) {
        Header identity = update.getHeader(ASSERTED_IDENTITY);
        if (identity == null) {
            return;
        }
        String value = identity.toString().substring(identity.toString().indexOf(':') + 1).strip();
        try {
            if (stack.endpoint().addresses.createAddress(value).getURI() instanceof SipURI uri && uri.getUser() != null
                    && !uri.getUser().equals(call.otherParty)) {
                call.otherParty = uri.getUser();
                calls.enter(call, call.state());
            }
        } catch (ParseException e) {
            // An identity that does not parse changes nothing.
        }
    }

    private static boolean inDialog(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    }

    private static String eventOf(Request notify) {
        return notify.getHeader(EventHeader.NAME) instanceof EventHeader event && event.getEventType() != null
                ? event.getEventType() : "";
    }

    private static Optional<Character> infoDigit(Request info) {
        Matcher signal = SIGNAL.matcher(MessageParts.body(info).orElse(""));
        return signal.find() ? Optional.of(signal.group(1).toUpperCase().charAt(0)) : Optional.empty();
    }

    private void incomingCall(ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        Request invite = transaction.getRequest();
        Header replacesHeader = invite.getHeader(Replaces.HEADER);
        if (replacesHeader != null) {
            replacing(transaction, replacesHeader);
            return;
        }
        Optional<PhoneLine> line = lineCalled(invite);
        if (line.isEmpty()) {
            stack.respond(transaction, Response.NOT_FOUND);
            return;
        }
        if (diversion.doNotDisturb) {
            stack.respond(transaction, Response.BUSY_HERE);
            return;
        }
        if (diversion.forwardAllTo.isPresent()) {
            redirect(transaction, line.get(), diversion.forwardAllTo.get());
            return;
        }
        boolean lineBusy = !calls.onLine(line.get()).isEmpty();
        Optional<SipCall> accepted = negotiate(transaction, line.get());
        if (accepted.isEmpty()) {
            return;
        }
        SipCall call = accepted.get();
        Response ringing = stack.endpoint().messages.createResponse(Response.RINGING, invite);
        CallSignalling.tagLikeDialog(ringing, call);
        ringing.addHeader(stack.messages().contact(call.line.sip));
        LineState ringState = lineBusy ? LineState.CALL_WAITING : LineState.RING_IN;
        calls.enter(call, ringState);
        call.otherParty = callerId(invite);
        calls.enter(call, ringState);
        calls.report(new IncomingCall(call.ref, call.line.sip.number(), call.otherParty));
        if (isParkReturn(invite)) {
            calls.report(new CallParkReturned(call.ref, call.line.sip.number(), call.otherParty));
        }
        transaction.sendResponse(ringing);
    }

    private static boolean isParkReturn(Request invite) {
        for (ListIterator<?> it = invite.getHeaders(AlertInfoHeader.NAME); it.hasNext(); ) {
            if (it.next().toString().contains(PARK_RETURN)) {
                return true;
            }
        }
        return false;
    }

    /** Sends the call to another number with a 302 whose Contact is that number on the line's call server. */
    void redirect(ServerTransaction transaction, PhoneLine line, String number)
            throws ParseException, SipException, InvalidArgumentException {
        Response moved = stack.endpoint().messages.createResponse(Response.MOVED_TEMPORARILY, transaction.getRequest());
        moved.addHeader(stack.endpoint().headers.createContactHeader(
                stack.endpoint().addresses.createAddress(stack.messages().numberUri(line.sip, number))));
        transaction.sendResponse(moved);
    }

    /**
     * An INVITE that replaces one of this phone's calls (the far end of an attended transfer): it is
     * answered at once, without ringing, and the call it replaces ends (RFC 3891).
     */
    private void replacing(ServerTransaction transaction, Header header)
            throws ParseException, SipException, InvalidArgumentException {
        String value = header.toString().substring(header.toString().indexOf(':') + 1);
        Optional<SipCall> replaced = Replaces.parse(value).flatMap(replaces -> calls.all().stream()
                .filter(call -> call.dialog != null && replaces.names(call.dialog)).findFirst());
        if (replaced.isEmpty()) {
            stack.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Optional<SipCall> accepted = negotiate(transaction, replaced.get().line);
        if (accepted.isPresent()) {
            accepted.get().otherParty = callerId(transaction.getRequest());
            signalling.answer(accepted.get());
            signalling.hangUp(replaced.get());
        }
    }

    /**
     * Agrees on media with the INVITE's offer and opens the call's RTP session; the call is then
     * known, ringing in until answered. Empty when the offer or the phone's ports did not allow it
     * (the INVITE is refused then).
     */
    private Optional<SipCall> negotiate(ServerTransaction transaction, PhoneLine line)
            throws ParseException, SipException, InvalidArgumentException {
        Request invite = transaction.getRequest();
        Optional<String> body = MessageParts.body(invite);
        Optional<SessionDescription> offer = body.flatMap(SessionDescription::parse);
        if (body.isPresent() && offer.isEmpty()) {
            // An offer this phone cannot read, or whose address is a host name: nothing is sent anywhere.
            stack.respond(transaction, Response.NOT_ACCEPTABLE_HERE);
            return Optional.empty();
        }
        SrtpPolicy srtp = line.sip.srtp();
        Optional<SessionDescription> agreed = offer.flatMap(remote -> SessionDescription.answer(remote,
                stack.endpoint().local.host(), 0, codecs, SessionDescription.answering(remote.direction()), srtp, List.of()));
        Optional<MediaAgreement> terms = agreed.flatMap(answer -> MediaAgreement.reached(offer.get(), answer, false,
                srtp.mode()));
        if (offer.isPresent() && terms.isEmpty()) {
            // No codec in common, or SRTP one end requires and the other will not do.
            stack.respond(transaction, Response.NOT_ACCEPTABLE_HERE);
            return Optional.empty();
        }
        // Without an offer, this end offers in the answer; the ACK's answer says what was agreed.
        MediaAgreement initial = terms.orElseGet(() -> MediaAgreement.firstChoice(codecs));
        SipCall call;
        try {
            CallRef ref = callRefs.next();
            call = SipCall.open(ref, line, Direction.INCOMING, opened -> media.open(opened, initial,
                    calls.digitsOf(opened), calls.levelsOf(opened), ErrorCode.ERROR_NO_INCOMING_CALL));
        } catch (CommandException noPort) {
            stack.respond(transaction, Response.BUSY_HERE);
            return Optional.empty();
        }
        int port = call.media.port();
        call.remoteMedia = offer.orElse(null);
        call.localMedia = agreed.map(answer -> answer.withPort(port)).orElseGet(() -> SessionDescription.offer(
                stack.endpoint().local.host(), port, codecs, MediaDirection.SENDRECV).secured(srtp));
        call.dialog = stack.endpoint().provider().getNewDialog(transaction);
        call.incomingInvite = transaction;
        calls.add(call);
        return Optional.of(call);
    }

    private Optional<PhoneLine> lineCalled(Request invite) {
        String user = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        String toUser = ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI() instanceof SipURI uri
                ? uri.getUser() : null;
        return lines.stream().filter(line -> matches(line, user) || matches(line, toUser)).findFirst();
    }

    private static boolean matches(PhoneLine line, String user) {
        return user != null && (user.equals(line.sip.sipUser()) || user.equals(line.sip.number()));
    }

    private static String callerId(Request invite) {
        javax.sip.address.Address from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress();
        if (from.getURI() instanceof SipURI uri && uri.getUser() != null) {
            return uri.getUser();
        }
        return from.getDisplayName() == null ? "" : from.getDisplayName();
    }

    private void cancelled(ServerTransaction cancel) throws ParseException, SipException, InvalidArgumentException {
        stack.respond(cancel, Response.OK);
        String callId = ((CallIdHeader) cancel.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
        for (SipCall call : calls.all()) {
            if (call.incomingInvite != null
                    && ((CallIdHeader) call.incomingInvite.getRequest().getHeader(CallIdHeader.NAME)).getCallId().equals(callId)) {
                Response terminated = stack.endpoint().messages.createResponse(Response.REQUEST_TERMINATED,
                        call.incomingInvite.getRequest());
                CallSignalling.tagLikeDialog(terminated, call);
                call.incomingInvite.sendResponse(terminated);
                call.incomingInvite = null;
                calls.end(call);
            }
        }
    }

    /** The far end changes the session, e.g. holds (sendonly or inactive) or resumes the call. */
    private void remoteReinvite(SipCall call, ServerTransaction transaction)
            throws ParseException, SipException, InvalidArgumentException {
        Optional<String> body = MessageParts.body(transaction.getRequest());
        Optional<SessionDescription> offer = body.flatMap(SessionDescription::parse);
        if (body.isPresent() && offer.isEmpty()) {
            stack.respond(transaction, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        boolean wasHeld = call.remoteMedia != null && SessionDescription.holds(call.remoteMedia.direction());
        Response ok = stack.endpoint().messages.createResponse(Response.OK, transaction.getRequest());
        ok.addHeader(stack.messages().contact(call.line.sip));
        if (offer.isPresent()) {
            MediaDirection direction = SessionDescription.answering(offer.get().direction());
            if (call.state() == LineState.HOLD && !SessionDescription.holds(offer.get().direction())) {
                // This end holds the call: it keeps sending only, whatever the far end offers.
                direction = MediaDirection.SENDONLY;
            }
            SrtpPolicy srtp = call.line.sip.srtp();
            Optional<SessionDescription> answer = SessionDescription.answer(offer.get(), stack.endpoint().local.host(),
                    call.media.port(), codecs, direction, srtp, call.localMedia == null ? List.of() : call.localMedia.crypto());
            Optional<MediaAgreement> terms = answer.flatMap(ours -> MediaAgreement.reached(offer.get(), ours, false,
                    srtp.mode()));
            if (terms.isEmpty()) {
                stack.respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
            call.remoteMedia = offer.get();
            call.localMedia = answer.get();
            call.media.connect(offer.get(), terms.get(), media.audio());
            call.media.setDirection(answer.get().direction());
        }
        ok.setContent(call.localSdp(), MessageParts.sdpType(stack.endpoint().headers));
        transaction.sendResponse(ok);
        if (wasHeld && !SessionDescription.holds(call.remoteMedia.direction()) && call.state() == LineState.CONNECTED) {
            calls.report(new PartyPickup(call.ref));
        }
    }
}
