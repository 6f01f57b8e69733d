package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.NegotiatedRtp;
import io.vtgoconnect.sipstack.SessionDescription;
import io.vtgoconnect.sipstack.SipEndpoint;
import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
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

/**
 * The SIP side of the server's legs: answers and refuses the INVITEs user agents send, calls user
 * agents, changes and ends dialogs, and opens the RTP session of each leg. What the legs are for
 * (routing, features) is decided by others; this class only keeps the SIP and SDP right. Runs on
 * the server's worker.
 */
final class Switchboard {
    private static final List<String> CODECS = List.of("PCMU", "PCMA");

    private final SipEndpoint endpoint;
    private final MediaEngine engine;
    private final RtpSessionConfig rtpConfig;
    private final Map<String, Leg> legs = new HashMap<>();

    Switchboard(SipEndpoint endpoint, MediaEngine engine, RtpSessionConfig rtpConfig) {
        this.endpoint = endpoint;
        this.engine = engine;
        this.rtpConfig = rtpConfig;
    }

    /**
     * The leg a request from a user agent belongs to: by its Call-ID and To tag (the server's), or
     * for a CANCEL, the caller leg still waiting for an answer to its INVITE.
     */
    Optional<Leg> legOf(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        if (toTag != null) {
            return Optional.ofNullable(legs.get(Leg.key(callId, toTag)));
        }
        return legs.values().stream().filter(leg -> leg.side == Leg.Side.CALLER && leg.invite != null
                && leg.callId.equals(callId)).findFirst();
    }

    /** The leg a response belongs to: by its Call-ID and From tag (the server's). */
    private Leg legOf(Response response) {
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        return legs.get(Leg.key(callId, ((FromHeader) response.getHeader(FromHeader.NAME)).getTag()));
    }

    List<Leg> legs() {
        return new ArrayList<>(legs.values());
    }

    /** The legs of a directory line's phones that have not ended: ringing, or in calls. */
    List<Leg> legsOn(String line) {
        return legs.values().stream().filter(leg -> line.equals(leg.line) && !leg.ended).toList();
    }

    String host() {
        return endpoint.local.host();
    }

    // ---- legs the user agents began

    /**
     * Takes a new INVITE: says Trying, agrees on media with its offer and opens the leg's RTP
     * session. Empty, with the INVITE refused, when the offer has no common codec or no port is free.
     */
    Optional<Leg> acceptInvite(ServerTransaction transaction, String callerNumber) throws SipException, ParseException,
            InvalidArgumentException {
        Request invite = transaction.getRequest();
        transaction.sendResponse(endpoint.messages.createResponse(Response.TRYING, invite));
        Optional<SessionDescription> offer = MessageParts.body(invite).flatMap(SessionDescription::parse);
        Optional<SessionDescription> agreed = offer.flatMap(remote -> SessionDescription.answer(remote, host(), 0, CODECS,
                SessionDescription.answering(remote.direction())));
        if (offer.isPresent() && agreed.isEmpty()) {
            respond(transaction, Response.NOT_ACCEPTABLE_HERE);
            return Optional.empty();
        }
        G711Codec codec = agreed.flatMap(SessionDescription::firstCodec).flatMap(SessionDescription::codecNamed)
                .orElse(G711Codec.PCMU);
        int eventPayload = agreed.flatMap(answer -> answer.payloadOf(SessionDescription.TELEPHONE_EVENT))
                .orElse(SessionDescription.DEFAULT_TELEPHONE_EVENT_PAYLOAD);
        Optional<NegotiatedRtp> media = openMedia(codec, eventPayload);
        if (media.isEmpty()) {
            respond(transaction, Response.BUSY_HERE);
            return Optional.empty();
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        Leg leg = new Leg(callId, MessageParts.newTag(), Leg.Side.CALLER, callerNumber, media.get());
        int port = media.get().port();
        leg.remoteSdp = offer.orElse(null);
        leg.localSdp = agreed.map(answer -> answer.withPort(port))
                .orElseGet(() -> SessionDescription.offer(host(), port, CODECS, MediaDirection.SENDRECV));
        leg.invite = transaction;
        leg.peerOffered = true;
        leg.dialog = endpoint.provider().getNewDialog(transaction);
        legs.put(leg.key(), leg);
        return Optional.of(leg);
    }

    private Optional<NegotiatedRtp> openMedia(G711Codec codec, int eventPayload) {
        try {
            return Optional.of(NegotiatedRtp.open(engine, rtpConfig.withCodec(codec).withTelephoneEventPayloadType(eventPayload)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A 180 to the caller. */
    void ringing(Leg caller) {
        sendToCaller(caller, Response.RINGING, null);
    }

    /** The 200 with the server's SDP answer; the leg is answered once the caller's ACK comes. */
    void answer(Leg caller) {
        if (caller.invite == null) {
            return;
        }
        caller.connectMedia();
        sendToCaller(caller, Response.OK, caller.localSdpText());
        caller.invite = null;
    }

    /** Refuses the caller's INVITE with the status and forgets the leg; a leg already answered is hung up. */
    void reject(Leg caller, int status) {
        if (caller.invite == null && caller.answered) {
            hangUp(caller);
            return;
        }
        sendToCaller(caller, status, null);
        caller.invite = null;
        forget(caller);
    }

    private void sendToCaller(Leg caller, int status, String sdp) {
        if (caller.invite == null) {
            return;
        }
        try {
            Response response = endpoint.messages.createResponse(status, caller.invite.getRequest());
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(caller.localTag);
            }
            if (status < 300) {
                response.addHeader(contact(caller.invite.getRequest().getRequestURI()));
            }
            if (sdp != null) {
                response.setContent(sdp, MessageParts.sdpType(endpoint.headers));
            }
            caller.invite.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            // The caller's retransmissions or timers settle it.
        }
    }

    /** The caller acknowledged the answer. */
    void acknowledged(Leg caller) {
        if (!caller.answered && !caller.ended) {
            caller.answered = true;
            caller.progress.answered(caller);
        }
    }

    /** The caller gave up before an answer (CANCEL): 487 to its INVITE. */
    void cancelled(Leg caller) {
        sendToCaller(caller, Response.REQUEST_TERMINATED, null);
        caller.invite = null;
        end(caller);
    }

    // ---- legs the server begins

    /**
     * Calls a user agent: an INVITE to {@code target} (a registered contact), from {@code callerNumber}
     * to {@code number}, with the server's offer. Empty when no RTP port is free.
     */
    Optional<Leg> call(SipURI target, String number, String callerNumber, Leg.Progress progress, List<Header> extraHeaders) {
        Optional<NegotiatedRtp> media = openMedia(G711Codec.PCMU, SessionDescription.DEFAULT_TELEPHONE_EVENT_PAYLOAD);
        if (media.isEmpty()) {
            return Optional.empty();
        }
        String callId = UUID.randomUUID() + "@" + host();
        Leg leg = new Leg(callId, MessageParts.newTag(), Leg.Side.CALLEE, number, media.get());
        leg.progress = progress;
        leg.localSdp = SessionDescription.offer(host(), media.get().port(), CODECS, MediaDirection.SENDRECV);
        try {
            Request invite = newRequest(target, Request.INVITE, callId, leg.localTag, number, callerNumber);
            extraHeaders.forEach(invite::addHeader);
            invite.setContent(leg.localSdpText(), MessageParts.sdpType(endpoint.headers));
            ClientTransaction transaction = endpoint.provider().getNewClientTransaction(invite);
            leg.dialog = endpoint.provider().getNewDialog(transaction);
            leg.outgoingInvite = transaction;
            legs.put(leg.key(), leg);
            transaction.sendRequest();
            return Optional.of(leg);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            legs.remove(leg.key());
            leg.media.close();
            progress.failed(leg, Response.SERVICE_UNAVAILABLE, "cannot send: " + e.getMessage(), Optional.empty());
            return Optional.empty();
        }
    }

    /**
     * A request that begins no dialog (an unsolicited NOTIFY, RFC 3842), from {@code fromNumber} to
     * {@code number} at {@code target}, to be completed and then given to {@link #send}.
     */
    Request outOfDialog(SipURI target, String method, String number, String fromNumber)
            throws ParseException, InvalidArgumentException {
        return newRequest(target, method, UUID.randomUUID() + "@" + host(), MessageParts.newTag(), number, fromNumber);
    }

    /** Sends a request {@link #outOfDialog} made; the exchange hears its response, or that none came. */
    void send(Request request, Exchange exchange) {
        try {
            ClientTransaction transaction = endpoint.provider().getNewClientTransaction(request);
            transaction.setApplicationData(exchange);
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            exchange.failed(e.getMessage());
        }
    }

    private Request newRequest(SipURI target, String method, String callId, String fromTag, String number, String fromNumber)
            throws ParseException, InvalidArgumentException {
        String transport = target.getTransportParam() == null ? "udp" : target.getTransportParam();
        Request request = endpoint.messages.createRequest(target, method,
                endpoint.headers.createCallIdHeader(callId), endpoint.headers.createCSeqHeader(1L, method),
                endpoint.headers.createFromHeader(address(fromNumber), fromTag),
                endpoint.headers.createToHeader(address(number), null),
                List.of(endpoint.headers.createViaHeader(host(), endpoint.local.port(), transport, null)),
                endpoint.headers.createMaxForwardsHeader(MessageParts.MAX_FORWARDS));
        request.addHeader(contact(target));
        return request;
    }

    /** {@code sip:number@server}, as the server names its parties. */
    Address address(String number) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(number, host());
        uri.setPort(endpoint.local.port());
        return endpoint.addresses.createAddress(uri);
    }

    /** A response to an INVITE the server sent: ringing, answered or refused. */
    void responded(ResponseEvent event) {
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
            if (status > 100 && !leg.answered) {
                leg.progress.ringing(leg);
            }
            return;
        }
        if (status < 300) {
            acknowledge(leg, cseq.getSeqNumber(), event);
            if (leg.ended) {
                bye(leg);
                legs.remove(leg.key());
                return;
            }
            if (!leg.answered && cseq.getSeqNumber() == 1) {
                leg.outgoingInvite = null;
                leg.answered = true;
                MessageParts.body(response).flatMap(SessionDescription::parse).ifPresent(answer -> leg.remoteSdp = answer);
                leg.connectMedia();
                leg.progress.answered(leg);
            }
            return;
        }
        leg.outgoingInvite = null;
        if (leg.ended) {
            legs.remove(leg.key());
        } else if (!leg.answered) {
            forget(leg);
            leg.progress.failed(leg, status, response.getReasonPhrase(), redirectNumber(response));
        }
    }

    /** An INVITE the server sent went unanswered: the callee counts as unreachable (408). */
    void timedOut(ClientTransaction transaction) {
        if (!transaction.getRequest().getMethod().equals(Request.INVITE)) {
            if (transaction.getApplicationData() instanceof Exchange exchange) {
                exchange.failed("no answer");
            }
            return;
        }
        Leg leg = legs.get(Leg.key(((CallIdHeader) transaction.getRequest().getHeader(CallIdHeader.NAME)).getCallId(),
                ((FromHeader) transaction.getRequest().getHeader(FromHeader.NAME)).getTag()));
        if (leg != null && !leg.answered) {
            boolean wasEnded = leg.ended;
            forget(leg);
            if (!wasEnded) {
                leg.progress.failed(leg, Response.REQUEST_TIMEOUT, "no answer", Optional.empty());
            }
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
            javax.sip.Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.dialog;
            leg.dialog = dialog;
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            // The user agent retransmits its 200 and the ACK goes again.
        }
    }

    // ---- both kinds

    /** Ends the leg as far as it got: CANCEL, a final refusal, or BYE; then reports it ended. */
    void hangUp(Leg leg) {
        if (leg.ended) {
            return;
        }
        if (leg.side == Leg.Side.CALLER && leg.invite != null) {
            sendToCaller(leg, Response.TEMPORARILY_UNAVAILABLE, null);
            leg.invite = null;
        } else if (leg.side == Leg.Side.CALLEE && !leg.answered) {
            cancel(leg);
            // Kept until its INVITE is answered: a 200 that crosses the CANCEL is then ACKed and ended.
            leg.ended = true;
            leg.media.close();
            return;
        } else {
            bye(leg);
        }
        end(leg);
    }

    private void cancel(Leg leg) {
        try {
            if (leg.outgoingInvite != null) {
                endpoint.provider().getNewClientTransaction(leg.outgoingInvite.createCancel()).sendRequest();
            }
        } catch (SipException | RuntimeException e) {
            // The user agent's own timers end an INVITE nobody cancels.
        }
    }

    private void bye(Leg leg) {
        leg.byeSent = true;
        sendInDialog(leg, Request.BYE, null, leg.byeAnswer);
    }

    /** Sends a request within the leg's dialog; the exchange, if any, hears how it went. */
    void sendInDialog(Leg leg, String method, Message body, Exchange exchange) {
        try {
            Request request = leg.dialog.createRequest(method);
            if (body != null) {
                request.setContent(body.getContent(), (ContentTypeHeader) body.getHeader(ContentTypeHeader.NAME));
            }
            sendInDialog(leg, request, exchange);
        } catch (SipException | ParseException | RuntimeException e) {
            if (exchange != null) {
                exchange.failed(e.getMessage());
            }
        }
    }

    void sendInDialog(Leg leg, Request request, Exchange exchange) {
        try {
            ClientTransaction transaction = endpoint.provider().getNewClientTransaction(request);
            transaction.setApplicationData(exchange);
            leg.dialog.sendRequest(transaction);
        } catch (SipException | RuntimeException e) {
            if (exchange != null) {
                exchange.failed(e.getMessage());
            }
        }
    }

    /** The user agent ended the leg (BYE), or it is over here: media closed, leg forgotten, its owner told. */
    void end(Leg leg) {
        if (leg.ended) {
            return;
        }
        leg.ended = true;
        forget(leg);
        leg.progress.ended(leg);
    }

    /** Closes the leg; when a call is left with one party, it and the call's guests are hung up too. */
    private void forget(Leg leg) {
        legs.remove(leg.key());
        leg.ended = true;
        Bridge bridge = leg.bridge;
        if (bridge != null) {
            bridge.leave(leg);
            if (bridge.endsWhenAlone() && bridge.parties().size() < 2) {
                bridge.members().forEach(this::hangUp);
            }
        }
        leg.media.close();
    }

    /** The user agent changes the session (hold, resume): answered as RFC 3264 says, from the same port. */
    void reinvited(Leg leg, ServerTransaction transaction) throws SipException, ParseException, InvalidArgumentException {
        Optional<SessionDescription> offer = MessageParts.body(transaction.getRequest()).flatMap(SessionDescription::parse);
        if (offer.isPresent()) {
            Optional<SessionDescription> answer = SessionDescription.answer(offer.get(), host(), leg.media.port(), CODECS,
                    SessionDescription.answering(offer.get().direction()));
            if (answer.isEmpty()) {
                respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
            leg.remoteSdp = offer.get();
            leg.localSdp = answer.get();
            leg.peerOffered = true;
            leg.connectMedia();
        }
        Response ok = endpoint.messages.createResponse(Response.OK, transaction.getRequest());
        ok.addHeader(contact(transaction.getRequest().getRequestURI()));
        ok.setContent(leg.localSdpText(), MessageParts.sdpType(endpoint.headers));
        transaction.sendResponse(ok);
        leg.progress.sessionChanged(leg);
    }

    void respond(ServerTransaction transaction, int status) throws SipException, ParseException, InvalidArgumentException {
        transaction.sendResponse(endpoint.messages.createResponse(status, transaction.getRequest()));
    }

    /** The server's Contact, on the transport the peer used. */
    ContactHeader contact(javax.sip.address.URI peer) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(null, host());
        uri.setPort(endpoint.local.port());
        if (peer instanceof SipURI sip && sip.getTransportParam() != null) {
            uri.setTransportParam(sip.getTransportParam());
        }
        return endpoint.headers.createContactHeader(endpoint.addresses.createAddress(uri));
    }

    /** The number a request comes from: its From user. */
    static String fromNumber(Request request) {
        Address from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress();
        return from.getURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser() : "";
    }

    SipEndpoint endpoint() {
        return endpoint;
    }

    /** Hangs up every leg (the server stops). */
    void closeAll() {
        legs().forEach(this::hangUp);
    }
}
