package io.vtgoconnect.callmanager.internal.calls;

import gov.nist.javax.sip.TransactionExt;
import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.RtpFormat;
import io.vtgoconnect.sipstack.SessionDescription;
import io.vtgoconnect.sipstack.SrtpMode;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ObjectInUseException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The SIP side of the server's legs: answers and refuses the INVITEs user agents send, calls user
 * agents, changes and ends dialogs, and opens the RTP session of each leg. What the legs are for
 * (routing, features) is decided by others; this class only keeps the SIP and SDP right, and moves
 * each leg through its {@link Leg.State}s. Runs on the partition of a plain call's legs, or
 * exclusively (see {@link Turns}): a leg that exclusive work looks up is exclusive's from then on.
 */
public final class Switchboard {
    /** The codecs of the server's own offers (a caller that offers none, the server's own calls). */
    private static final List<String> CODECS = List.of("PCMU", "PCMA");
    /** Dynamic payload types (RFC 3551) the server may give a codec it adds to a caller's offer. */
    private static final int FIRST_DYNAMIC_PAYLOAD = 96;
    private static final int LAST_DYNAMIC_PAYLOAD = 127;

    private final SipParts sip;
    private final Media.Ports ports;
    private final Logger log;
    private final Turns turns;
    /** Seconds a caller refused for want of media ports is asked to wait (0: not said). */
    private final int retryAfterSeconds;
    /** Whether two legs that share no codec are bridged through the mixer (else the caller is refused 488). */
    private final boolean transcoding;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    /** The caller legs by Call-ID, which a CANCEL or a new INVITE names without the server's tag. */
    private final Map<String, Leg> callers = new ConcurrentHashMap<>();
    /** The server's own URI without a user, made once ({@link #serverUri}). */
    private volatile SipURI serverUri;

    /** A switchboard whose every task is exclusive (one thread). */
    public Switchboard(SipParts sip, Media.Ports ports, LoggerFactory logs) {
        this(sip, ports, logs, Turns.SINGLE, 0, true);
    }

    public Switchboard(SipParts sip, Media.Ports ports, LoggerFactory logs, Turns turns, int retryAfterSeconds,
            boolean transcoding) {
        this.transcoding = transcoding;
        this.sip = sip;
        this.ports = ports;
        this.log = logs.getLogger(Switchboard.class);
        this.turns = turns;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * The leg, as exclusive work reaches it: its call (and the calls it is bridged with) is
     * handled exclusively from now on. On a partition, the leg as it is.
     */
    public Leg claim(Leg leg) {
        if (turns.exclusive() && leg.isPartitioned()) {
            handOver(leg);
        }
        return leg;
    }

    /** The leg's call, and the calls it is bridged with, are handled exclusively from now on. */
    public void handOver(Leg leg) {
        leg.share();
        leg.bridge().ifPresent(bridge -> bridge.members().forEach(Leg::share));
    }

    /**
     * The leg a request from a user agent belongs to: by its Call-ID and To tag (the server's), or
     * for a CANCEL, the caller leg still waiting for an answer to its INVITE.
     */
    public Optional<Leg> legOf(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        if (toTag != null) {
            return Optional.ofNullable(legs.get(Leg.key(callId, toTag)));
        }
        return Optional.ofNullable(callers.get(callId)).filter(Leg::isWaitingForAnswer);
    }

    /** Whether the request is the server's own INVITE to itself (a test endpoint calling): a callee leg of the server has its Call-ID and tag. */
    public boolean isOwn(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        Leg own = fromTag == null ? null : legs.get(Leg.key(callId, fromTag));
        return own != null && own.side() == Leg.Side.CALLEE;
    }

    /** The leg a response belongs to: by its Call-ID and From tag (the server's). */
    private Leg legOf(Response response) {
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        return legs.get(Leg.key(callId, ((FromHeader) response.getHeader(FromHeader.NAME)).getTag()));
    }

    /**
     * Whether a response to a request of the server (or the request, timed out) belongs to a leg
     * that its partition handles: by its Call-ID and From tag (the server's).
     */
    public boolean isPartitioned(Message message) {
        String callId = ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
        Leg leg = legs.get(Leg.key(callId, ((FromHeader) message.getHeader(FromHeader.NAME)).getTag()));
        return leg != null && leg.isPartitioned();
    }

    /**
     * Whether a leg or an exchange waits for the response: else {@link #responded} would do nothing
     * with it (the 200 to the BYE of a leg the server already forgot, as every call's end brings).
     */
    public boolean isAwaited(ResponseEvent event) {
        return legOf(event.getResponse()) != null || event.getClientTransaction() != null
                && event.getClientTransaction().getApplicationData() instanceof Exchange;
    }

    public List<Leg> legs() {
        List<Leg> all = new ArrayList<>(legs.values());
        all.forEach(this::claim);
        return all;
    }

    /** The legs of a directory line's phones that have not ended: ringing, or in calls. */
    public List<Leg> legsOn(String line) {
        return legs.values().stream().filter(leg -> line.equals(leg.line()) && !leg.isEnded()).map(this::claim).toList();
    }

    public String host() {
        return sip.local().host();
    }

    // ---- legs the user agents began

    /**
     * Takes a new INVITE: agrees on media with its offer (the caller's first codec the server has,
     * until its callee's answer chooses another of the offer: see {@link #agreeCodecs}), opens the
     * leg's RTP session and says Trying (which the server sent as the INVITE came). Empty, with the
     * INVITE refused, when the offer does not parse or has no common codec (488), or no port is free
     * (503, the server being overloaded, with Retry-After).
     */
    public Optional<Leg> acceptInvite(ServerTransaction transaction, String callerNumber) throws SipException, ParseException,
            InvalidArgumentException {
        Request invite = transaction.getRequest();
        Optional<String> body = MessageParts.body(invite);
        Optional<SessionDescription> offer = body.flatMap(SessionDescription::parse);
        Optional<SessionDescription> agreed = offer.flatMap(remote -> SessionDescription.answer(remote, host(), 0,
                codecsOf(remote), SessionDescription.answering(remote.direction())));
        if (body.isPresent() && agreed.isEmpty()) {
            log.warn("INVITE from {} refused (488): {}", callerNumber,
                    offer.isEmpty() ? "its SDP offer does not parse" : "its SDP offer has no codec in common");
            respond(transaction, Response.NOT_ACCEPTABLE_HERE);
            return Optional.empty();
        }
        Optional<Media> media = openMedia(offer.flatMap(remote -> agreed.flatMap(answer ->
                MediaAgreement.reached(remote, answer, false, SrtpMode.OFF))));
        if (media.isEmpty()) {
            Response refusal = sip.messages().createResponse(Response.SERVICE_UNAVAILABLE, invite);
            retryAfter(refusal);
            transaction.sendResponse(refusal);
            return Optional.empty();
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        int port = media.get().port();
        Leg leg = Leg.caller(transaction, callId, MessageParts.newTag(), callerNumber, media.get(), offer.orElse(null),
                agreed.map(answer -> answer.withPort(port))
                        .orElseGet(() -> SessionDescription.offer(host(), port, CODECS, MediaDirection.SENDRECV)),
                !turns.exclusive());
        leg.dialog(sip.provider().getNewDialog(transaction));
        legs.put(leg.key(), leg);
        callers.put(callId, leg);
        return Optional.of(leg);
    }

    /** The encoding names of an offer, in its order: the server answers in the first it has. */
    private static List<String> codecsOf(SessionDescription offer) {
        return offer.formats().stream().map(RtpFormat::encoding).toList();
    }

    /** The leg's RTP session in what its offer and answer agreed, else in the first of the server's codecs. */
    private Optional<Media> openMedia(Optional<MediaAgreement> agreed) {
        Optional<Media> media = ports.open(agreed.orElseGet(() -> MediaAgreement.firstChoice(CODECS)));
        if (media.isEmpty()) {
            log.warn("No RTP port free for a call");
        }
        return media;
    }

    /** A 180 to the caller. */
    public void ringing(Leg caller) {
        sendToCaller(caller, Response.RINGING, null);
    }

    /** The 200 with the server's SDP answer; the leg is connected once the caller's ACK comes. */
    public void answer(Leg caller) {
        if (!caller.isWaitingForAnswer()) {
            return;
        }
        caller.connectMedia();
        sendToCaller(caller, Response.OK, caller.localSdpText());
        caller.answering();
    }

    /** Refuses the caller's INVITE with the status and forgets the leg; a leg already answered is hung up. */
    public void reject(Leg caller, int status) {
        if (!caller.isWaitingForAnswer()) {
            hangUp(caller);
            return;
        }
        sendToCaller(caller, status, null);
        forget(caller, false);
    }

    private void sendToCaller(Leg caller, int status, String sdp) {
        Optional<ServerTransaction> invite = caller.invite();
        if (invite.isEmpty()) {
            return;
        }
        try {
            Response response = sip.messages().createResponse(status, invite.get().getRequest());
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(caller.localTag());
            }
            if (status < 300) {
                response.addHeader(contact(invite.get().getRequest().getRequestURI()));
            }
            if (sdp != null) {
                response.setContent(sdp, MessageParts.sdpType(sip.headers()));
            }
            if (status == Response.SERVICE_UNAVAILABLE) {
                retryAfter(response);
            }
            invite.get().sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            // The caller's retransmissions or timers settle it.
            log.warn("Cannot send {} to {}: {}", status, caller, e.getMessage());
        }
    }

    /** A 503 says when to try again: the server refuses it for want of media ports, or overloaded. */
    private void retryAfter(Response refusal) throws InvalidArgumentException {
        if (retryAfterSeconds > 0) {
            refusal.addHeader(sip.headers().createRetryAfterHeader(retryAfterSeconds));
        }
    }

    /** The caller acknowledged the answer. */
    public void acknowledged(Leg caller) {
        if (caller.state() == Leg.State.ANSWERING) {
            caller.connected(Optional.empty());
            caller.progress().answered(caller);
        }
    }

    /** The caller gave up before an answer (CANCEL): 487 to its INVITE. */
    public void cancelled(Leg caller) {
        sendToCaller(caller, Response.REQUEST_TERMINATED, null);
        end(caller);
    }

    // ---- legs the server begins

    /**
     * Calls a user agent: an INVITE to {@code target} (a registered contact), from {@code callerNumber}
     * to {@code number}, with the server's offer. Empty when no RTP port is free.
     */
    public Optional<Leg> call(SipURI target, String number, String callerNumber, Leg.Progress progress,
            List<Header> extraHeaders) {
        return call(target, number, callerNumber, Optional.empty(), progress, extraHeaders);
    }

    /**
     * Calls a user agent for a caller: offers what the caller offered (see {@link #calleeOffer}).
     * Empty when no RTP port is free.
     */
    public Optional<Leg> call(SipURI target, String number, Leg caller, Leg.Progress progress) {
        return call(target, number, caller.number(), caller.peerOffer(), progress, List.of());
    }

    private Optional<Leg> call(SipURI target, String number, String callerNumber, Optional<SessionDescription> callerOffer,
            Leg.Progress progress, List<Header> extraHeaders) {
        Optional<Media> media = openMedia(Optional.empty());
        if (media.isEmpty()) {
            return Optional.empty();
        }
        String callId = turns.newCallId(host());
        Leg leg = Leg.callee(callId, MessageParts.newTag(), number, media.get(),
                callerOffer.map(offer -> calleeOffer(offer, media.get().port()))
                        .orElseGet(() -> SessionDescription.offer(host(), media.get().port(), CODECS, MediaDirection.SENDRECV)),
                !turns.exclusive());
        leg.progress(progress);
        try {
            Request invite = newRequest(target, Request.INVITE, callId, leg.localTag(), number, callerNumber);
            extraHeaders.forEach(invite::addHeader);
            invite.setContent(leg.localSdpText(), MessageParts.sdpType(sip.headers()));
            ClientTransaction transaction = sip.provider().getNewClientTransaction(invite);
            leg.dialog(sip.provider().getNewDialog(transaction));
            leg.outgoingInvite(transaction);
            legs.put(leg.key(), leg);
            transaction.sendRequest();
            return Optional.of(leg);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            log.warn("Cannot call {} at {}: {}", number, target, e.getMessage());
            legs.remove(leg.key());
            leg.ended(false);
            progress.failed(leg, Response.SERVICE_UNAVAILABLE, "cannot send: " + e.getMessage(), Optional.empty());
            return Optional.empty();
        }
    }

    /**
     * The offer to a caller's callee: the caller's codecs and telephone events that the server has,
     * on the caller's payload types, so that an answer in one of them lets the server relay the
     * packets as they are; then, when the server transcodes, its other codecs, which it would
     * transcode to the caller's.
     */
    private SessionDescription calleeOffer(SessionDescription callerOffer, int port) {
        List<RtpFormat> formats = new ArrayList<>(callerOffer.formats().stream()
                .filter(format -> format.codec().isPresent() || format.isTelephoneEvent()).toList());
        if (transcoding) {
            for (AudioCodec codec : AudioCodec.all()) {
                if (formats.stream().noneMatch(format -> codec.equals(format.codec().orElse(null)))) {
                    freePayloadType(formats, codec).ifPresent(type -> formats.add(RtpFormat.of(codec, type)));
                }
            }
        }
        return new SessionDescription(host(), port, SessionDescription.PLAIN_PROFILE, formats, MediaDirection.SENDRECV,
                List.of());
    }

    /** The codec's own payload type if the formats leave it free, else a free dynamic one; none when all are taken. */
    private static Optional<Integer> freePayloadType(List<RtpFormat> formats, AudioCodec codec) {
        IntPredicate free = type -> formats.stream().noneMatch(format -> format.payloadType() == type);
        if (free.test(codec.payloadType())) {
            return Optional.of(codec.payloadType());
        }
        return IntStream.rangeClosed(FIRST_DYNAMIC_PAYLOAD, LAST_DYNAMIC_PAYLOAD).filter(free).boxed()
                .findFirst();
    }

    /**
     * Before the caller is answered for the callee that answered: the caller is answered in the
     * callee's codec when its offer has it (the legs then relay), else, when the server transcodes,
     * in its own first codec (the bridge's mixer transcodes).
     * @return false when the two share no codec and the server does not transcode: the caller is to be refused 488
     */
    public boolean agreeCodecs(Leg caller, Leg callee) {
        Optional<MediaAgreement> calleeAgreed = callee.agreement();
        if (calleeAgreed.isEmpty() || caller.peerOffer().isEmpty() || !caller.isWaitingForAnswer()) {
            return true;
        }
        if (caller.answerAs(calleeAgreed.get())) {
            // In the callee's codec before the bridge is made, which relays only legs alike.
            caller.connectMedia();
            return true;
        }
        if (!transcoding) {
            log.warn("Call from {} to {} refused (488): {} answered in {}, which the caller did not offer, and transcoding is off",
                    caller.number(), callee.number(), callee.number(), calleeAgreed.get().codec().encodingName());
        }
        return transcoding;
    }

    /**
     * A request that begins no dialog (an unsolicited NOTIFY, RFC 3842), from {@code fromNumber} to
     * {@code number} at {@code target}, to be completed and then given to {@link #send}.
     */
    public Request outOfDialog(SipURI target, String method, String number, String fromNumber)
            throws ParseException, InvalidArgumentException {
        return newRequest(target, method, UUID.randomUUID() + "@" + host(), MessageParts.newTag(), number, fromNumber);
    }

    /** Sends a request {@link #outOfDialog} made; the exchange hears its response, or that none came. */
    public void send(Request request, Exchange exchange) {
        try {
            ClientTransaction transaction = sip.provider().getNewClientTransaction(request);
            transaction.setApplicationData(exchange);
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            log.warn("Cannot send {} to {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            exchange.failed(e.getMessage());
        }
    }

    private Request newRequest(SipURI target, String method, String callId, String fromTag, String number, String fromNumber)
            throws ParseException, InvalidArgumentException {
        String transport = transport(target);
        Request request = sip.messages().createRequest(target, method,
                sip.headers().createCallIdHeader(callId), sip.headers().createCSeqHeader(1L, method),
                sip.headers().createFromHeader(address(fromNumber), fromTag),
                sip.headers().createToHeader(address(number), null),
                List.of(sip.headers().createViaHeader(host(), sip.port(transport), transport, null)),
                sip.headers().createMaxForwardsHeader(MessageParts.MAX_FORWARDS));
        request.addHeader(contact(target));
        return request;
    }

    /** {@code sip:number@server}, as the server names its parties. */
    public Address address(String number) throws ParseException {
        SipURI uri = sip.addresses().createSipURI(number, host());
        uri.setPort(sip.local().port());
        return sip.addresses().createAddress(uri);
    }

    /** A response to a request the server sent: an INVITE's ringing, answer or refusal, or another request's outcome. */
    public void responded(ResponseEvent event) {
        Response response = event.getResponse();
        Leg leg = legOf(response);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (leg == null || !cseq.getMethod().equals(Request.INVITE)) {
            if (event.getClientTransaction() != null
                    && event.getClientTransaction().getApplicationData() instanceof Exchange exchange) {
                exchange.response(response, event.getClientTransaction());
            }
            return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            if (status > 100 && leg.state() == Leg.State.INVITING) {
                leg.progress().ringing(leg);
            }
            return;
        }
        if (status < 300) {
            acknowledge(leg, cseq.getSeqNumber(), event);
            if (leg.state() == Leg.State.CANCELLING) {
                // The 200 crossed the CANCEL: the callee answered a call nobody wants any more.
                bye(leg);
                cancelled(leg, status);
            } else if (leg.state() == Leg.State.INVITING && cseq.getSeqNumber() == 1) {
                leg.connected(MessageParts.body(response).flatMap(SessionDescription::parse));
                leg.connectMedia();
                leg.progress().answered(leg);
            }
            return;
        }
        if (!cancelled(leg, status) && leg.state() == Leg.State.INVITING) {
            forget(leg, false);
            leg.progress().failed(leg, status, response.getReasonPhrase(), redirectNumber(response));
        }
    }

    /** The final answer to a callee's INVITE, or its timeout, ends a leg the server gave up. @return whether it did */
    private boolean cancelled(Leg callee, int status) {
        if (callee.state() != Leg.State.CANCELLING) {
            return false;
        }
        legs.remove(callee.key());
        callers.remove(callee.callId(), callee);
        callee.ended(status < 300);
        return true;
    }

    /** A request the server sent went unanswered: an INVITE's callee counts as unreachable (408). */
    public void timedOut(ClientTransaction transaction) {
        if (!transaction.getRequest().getMethod().equals(Request.INVITE)) {
            if (transaction.getApplicationData() instanceof Exchange exchange) {
                exchange.failed("no answer");
            }
            return;
        }
        Leg leg = legs.get(Leg.key(((CallIdHeader) transaction.getRequest().getHeader(CallIdHeader.NAME)).getCallId(),
                ((FromHeader) transaction.getRequest().getHeader(FromHeader.NAME)).getTag()));
        if (leg == null) {
            return;
        }
        if (!cancelled(leg, Response.REQUEST_TIMEOUT) && leg.state() == Leg.State.INVITING) {
            forget(leg, false);
            leg.progress().failed(leg, Response.REQUEST_TIMEOUT, "no answer", Optional.empty());
        }
    }

    private static Optional<String> redirectNumber(Response response) {
        if (response.getStatusCode() / 100 != 3 || !(response.getHeader(ContactHeader.NAME) instanceof ContactHeader contact)) {
            return Optional.empty();
        }
        return contact.getAddress().getURI() instanceof SipURI uri ? Optional.ofNullable(uri.getUser()) : Optional.empty();
    }

    private void acknowledge(Leg leg, long cseq, ResponseEvent event) {
        try {
            javax.sip.Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.dialog();
            leg.dialog(dialog);
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            // The user agent retransmits its 200 and the ACK goes again.
            log.warn("Cannot acknowledge the answer of {}: {}", leg, e.getMessage());
        }
    }

    // ---- both kinds

    /** Ends the leg as far as it got: a final refusal, CANCEL, or BYE; then reports it ended. */
    public void hangUp(Leg leg) {
        switch (leg.state()) {
            case ENDED, CANCELLING -> {
                return;
            }
            case INVITING -> {
                if (leg.side() == Leg.Side.CALLER) {
                    sendToCaller(leg, Response.TEMPORARILY_UNAVAILABLE, null);
                } else {
                    cancel(leg);
                    // Kept until its INVITE is answered: a 200 that crosses the CANCEL is then ACKed and ended.
                    leg.cancelling();
                    return;
                }
            }
            default -> bye(leg);
        }
        forget(leg, leg.state() != Leg.State.INVITING);
        leg.progress().ended(leg);
    }

    private void cancel(Leg leg) {
        try {
            if (leg.outgoingInvite().isPresent()) {
                sip.provider().getNewClientTransaction(leg.outgoingInvite().get().createCancel()).sendRequest();
            }
        } catch (SipException | RuntimeException e) {
            // The user agent's own timers end an INVITE nobody cancels.
            log.warn("Cannot cancel the call to {}: {}", leg, e.getMessage());
        }
    }

    private void bye(Leg leg) {
        sendInDialog(leg, Request.BYE, null, leg.byeAnswer());
    }

    /** Sends a request within the leg's dialog; the exchange, if any, hears how it went. */
    public void sendInDialog(Leg leg, String method, Message body, Exchange exchange) {
        try {
            Request request = leg.dialog().createRequest(method);
            if (body != null) {
                request.setContent(body.getContent(), (ContentTypeHeader) body.getHeader(ContentTypeHeader.NAME));
            }
            sendInDialog(leg, request, exchange);
        } catch (SipException | ParseException | RuntimeException e) {
            failed(leg, method, exchange, e);
        }
    }

    public void sendInDialog(Leg leg, Request request, Exchange exchange) {
        try {
            ClientTransaction transaction = sip.provider().getNewClientTransaction(request);
            transaction.setApplicationData(exchange);
            if (Request.BYE.equals(request.getMethod()) && transaction instanceof TransactionExt stack) {
                // Let go of 0.5 s after its answer (Timer K) rather than 5 s over UDP, kept only to absorb that
                // answer sent again, which is dropped without it: every call's BYE went into the old generation,
                // 3,400 of them in a flood. With no Timer K at all, the stack ended the transaction before it
                // handed the answer on, and the ACD never heard that an agent's phone answered its BYE.
                // letGoOfAnsweredBye covers the answer that comes before the stack has started Timer K.
                stack.setTimerT4(500);
            }
            leg.dialog().sendRequest(transaction);
        } catch (SipException | RuntimeException e) {
            failed(leg, request.getMethod(), exchange, e);
        }
    }

    /**
     * Ends the server's BYE transaction once its final answer is in hand, for the stack's listener to
     * call. When the answer outruns the stack's start of the transaction's own timer, as it does on a
     * busy machine, the stack never starts Timer K, and the transaction stayed until Timer F, 32 s.
     * Ended, it goes at Timer K if that started, else at the timer's next tick.
     */
    public static void letGoOfAnsweredBye(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction != null && event.getResponse().getStatusCode() >= Response.OK
                && Request.BYE.equals(transaction.getRequest().getMethod())) {
            try {
                transaction.terminate();
            } catch (ObjectInUseException e) {
                // Timer F ends it then.
            }
        }
    }

    private void failed(Leg leg, String method, Exchange exchange, Exception e) {
        log.warn("Cannot send {} to {}: {}", method, leg, e.getMessage());
        if (exchange != null) {
            exchange.failed(e.getMessage());
        }
    }

    /** The user agent ended the leg (BYE), or the caller gave up: media closed, leg forgotten, its owner told. */
    public void end(Leg leg) {
        if (leg.isEnded()) {
            return;
        }
        forget(leg, false);
        leg.progress().ended(leg);
    }

    /** Ends the leg; when a call is left with one party, it and the call's guests are hung up too. */
    private void forget(Leg leg, boolean byServer) {
        legs.remove(leg.key());
        callers.remove(leg.callId(), leg);
        leg.ended(byServer);
        leg.bridge().ifPresent(bridge -> {
            bridge.leave(leg);
            if (bridge.endsWhenAlone() && bridge.parties().size() < 2) {
                bridge.members().forEach(this::hangUp);
            }
        });
    }

    /** The user agent changes the session (hold, resume): answered as RFC 3264 says, from the same port. */
    public void reinvited(Leg leg, ServerTransaction transaction) throws SipException, ParseException, InvalidArgumentException {
        Optional<String> body = MessageParts.body(transaction.getRequest());
        if (body.isPresent()) {
            Optional<SessionDescription> offer = body.flatMap(SessionDescription::parse);
            Optional<SessionDescription> answer = offer.flatMap(remote -> SessionDescription.answer(remote, host(),
                    leg.media().port(), CODECS, SessionDescription.answering(remote.direction())));
            if (answer.isEmpty()) {
                log.warn("re-INVITE of {} refused (488): {}", leg,
                        offer.isEmpty() ? "its SDP offer does not parse" : "its SDP offer has no codec in common");
                respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
            leg.peerOffered(offer.get(), answer.get());
            leg.bridge().ifPresent(Bridge::mediaChanged);
        }
        Response ok = sip.messages().createResponse(Response.OK, transaction.getRequest());
        ok.addHeader(contact(transaction.getRequest().getRequestURI()));
        ok.setContent(leg.localSdpText(), MessageParts.sdpType(sip.headers()));
        transaction.sendResponse(ok);
        leg.progress().sessionChanged(leg);
    }

    public void respond(ServerTransaction transaction, int status) throws SipException, ParseException, InvalidArgumentException {
        transaction.sendResponse(sip.messages().createResponse(status, transaction.getRequest()));
    }

    /** The server's Contact, on the transport the peer used (its TLS port over TLS, a sips: URI to a sips: peer). */
    public ContactHeader contact(javax.sip.address.URI peer) throws ParseException {
        SipURI uri = serverUri();
        if (peer instanceof SipURI target) {
            uri.setPort(sip.port(transport(target)));
            if (target.isSecure()) {
                uri.setSecure(true);
            } else if (target.getTransportParam() != null) {
                uri.setTransportParam(target.getTransportParam());
            }
        } else {
            uri.setPort(sip.local().port());
        }
        return sip.headers().createContactHeader(sip.addresses().createAddress(uri));
    }

    /**
     * A copy of {@code sip:host}, parsed once: the stack's parser reads a URI without a user by
     * running past its end and catching the exception, which cost a Contact more than the rest of it.
     */
    private SipURI serverUri() throws ParseException {
        SipURI uri = serverUri;
        if (uri == null) {
            uri = sip.addresses().createSipURI(null, host());
            serverUri = uri;
        }
        return (SipURI) uri.clone();
    }

    /** The transport a request to the URI goes over, as a Via names it: TLS for a sips: URI. */
    private static String transport(SipURI target) {
        if (target.isSecure()) {
            return ListeningPoint.TLS;
        }
        return target.getTransportParam() == null ? "udp" : target.getTransportParam();
    }

    /** The number a request comes from: its From user. */
    public static String fromNumber(Request request) {
        Address from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress();
        return from.getURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser() : "";
    }

    public SipParts sip() {
        return sip;
    }

    /** Hangs up every leg (the server stops). */
    public void closeAll() {
        legs().forEach(this::hangUp);
    }
}
