package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_MAKE_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;
import static io.vtgoconnect.api.ErrorCode.ERROR_TRANSFER;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.ConnectionKeepAlive;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyBusy;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSessionConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The phone between RunProgram and ExitProgram: its SIP endpoint, its lines and their
 * registrations, and its calls. SIP events and commands run in turn on the phone's worker.
 */
final class RunningPhone implements SipListener {
    private static final long UNREGISTER_WAIT_SECONDS = 3;

    private final PhoneSettings settings;
    private final SoftphoneListener listener;
    private final CallRefs callRefs;
    private final PhoneWorker worker;
    private final List<PhoneLine> lines = new ArrayList<>();
    private final Map<CallRef, SipCall> calls = new LinkedHashMap<>();
    /** Opens the calls' RTP sessions; its threads run only while a call has media. */
    private final MediaEngine mediaEngine = new MediaEngine();
    private final RtpSessionConfig mediaConfig;
    private CallMedia.PhoneAudio audio = CallMedia.PhoneAudio.DEFAULT;
    /** What Redial calls. */
    private String lastDialled;
    /** Do not disturb: calls ringing in are refused as busy. */
    private boolean doNotDisturb;
    private SipEndpoint endpoint;
    private SipMessages messages;
    private RequestSender sender;
    private final Set<PhoneLine> registeredLines = new HashSet<>();

    private RunningPhone(PhoneSettings settings, List<SipLine> sipLines, SoftphoneListener listener, CallRefs callRefs) {
        this.settings = settings;
        this.listener = listener;
        this.callRefs = callRefs;
        this.worker = new PhoneWorker("vtgo-sip-phone");
        this.mediaConfig = RtpSessionConfig.defaults().withPortRange(settings.rtp_port_min(), settings.rtp_port_max());
        for (SipLine line : sipLines) {
            lines.add(new PhoneLine(lines.size() + 1, line));
        }
    }

    /** Binds the SIP port, reports the lines and SoftphoneConnected, then registers every line. */
    static RunningPhone start(PhoneSettings settings, List<SipLine> lines, SoftphoneListener listener, CallRefs callRefs) {
        HostPort local;
        try {
            local = new HostPort(settings.sip_address(), settings.sip_port());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The SIP address is wrong: " + e.getMessage() + ".");
        }
        RunningPhone phone = new RunningPhone(settings, lines, listener, callRefs);
        try {
            phone.endpoint = SipEndpoint.open(local, phone);
        } catch (SipException | RuntimeException e) {
            phone.worker.close();
            throw new CommandException(ERROR_PHONE_NOT_FOUND, bindFailure(local, e), e);
        }
        phone.messages = new SipMessages(phone.endpoint, settings.device_name());
        phone.sender = new RequestSender(phone.endpoint.provider(), phone.messages);
        List<SpeedDialUpdate> speedDials = SpeedDials.of(settings.speed_dials(), lines.size());
        listener.configured(phone.lines.stream().map(PhoneLine::config).toList(), speedDials);
        listener.report(new SoftphoneConnected());
        phone.worker.execute(phone::registerLines);
        return phone;
    }

    private static String bindFailure(HostPort local, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "The SIP port " + local + " is in use by another program; free it or configure another sip.port.";
            }
        }
        return "The SIP stack could not listen on " + local + ": " + e.getMessage() + ".";
    }

    private void registerLines() {
        for (PhoneLine line : lines) {
            line.registration = new Registration(line.sip, messages, sender, worker, new Registration.Outcome() {
                @Override
                public void registered() {
                    registeredLines.add(line);
                    report(new CallManagerConnected());
                }

                @Override
                public void lost(String reason) {
                    registeredLines.remove(line);
                    report(new CallManagerDisconnected("line " + line.sip.number() + ": " + reason));
                }

                @Override
                public void keptAlive() {
                    report(new ConnectionKeepAlive());
                }
            });
            line.registration.start();
        }
    }

    /** Ends every call, unregisters every line, releases the SIP stack and reports SoftphoneDisconnected. */
    void stop() {
        CountDownLatch unregistered = new CountDownLatch(lines.size());
        try {
            worker.run(() -> {
                new ArrayList<>(calls.values()).forEach(this::hangUpCall);
                for (PhoneLine line : lines) {
                    if (line.registration == null) {
                        unregistered.countDown();
                    } else {
                        line.registration.stop(unregistered::countDown);
                    }
                }
            });
            unregistered.await(UNREGISTER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The phone stops regardless; what could not be sent is forgotten with the stack.
        }
        worker.close();
        endpoint.close();
        mediaEngine.close();
        if (!registeredLines.isEmpty()) {
            listener.report(new CallManagerDisconnected("unregistered"));
        }
        listener.report(new SoftphoneDisconnected("stopped"));
    }

    private void report(VtgoEvent event) {
        listener.report(event);
    }

    PhoneWorker worker() {
        return worker;
    }

    // ---- commands, run on the worker

    /**
     * The softkeys a SIP phone carries out by itself; {@code ref} is the call named, or NONE for
     * the line's first call in a state the key acts on.
     */
    void softkey(Softkey key, int lineId, CallRef ref) {
        PhoneLine line = line(lineId);
        switch (key) {
            case NEWCALL -> offHook(lineId);
            case REDIAL -> {
                if (lastDialled == null) {
                    throw new CommandException(ERROR_MAKE_CALL, "Nothing was dialled yet, so there is nothing to redial.");
                }
                dial(lineId, lastDialled);
            }
            case ANSWER -> answer(callOn(line, ref, LineState::isRingingIn, "ringing in"));
            case ENDCALL -> hangUp(callOn(line, ref, state -> true, "on the line"));
            case HOLD -> hold(callOn(line, ref, state -> state == LineState.CONNECTED, "connected"));
            case RESUME -> resume(callOn(line, ref, state -> state == LineState.HOLD, "held"));
            case DND -> doNotDisturb = !doNotDisturb;
            default -> throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND,
                    "The SIP phone has no " + key.typedName() + " softkey yet.");
        }
    }

    private CallRef callOn(PhoneLine line, CallRef named, Predicate<LineState> acting, String description) {
        if (!named.isNone()) {
            return named;
        }
        return calls.values().stream().filter(call -> call.line == line && acting.test(call.state)).map(call -> call.ref)
                .findFirst().orElseThrow(() -> new CommandException(ERROR_NO_CALL,
                        "No call is " + description + " on line " + line.id + "."));
    }

    void offHook(int lineId) {
        report(line(lineId).update(LineState.OFF_HOOK, CallRef.NONE, Direction.NONE, ""));
    }

    void onHook(int lineId) {
        PhoneLine line = line(lineId);
        calls.values().stream().filter(call -> call.line == line).toList().forEach(this::hangUpCall);
        report(line.idle());
    }

    CallRef dial(int lineId, String destination) {
        PhoneLine line = line(lineId);
        lastDialled = destination;
        G711Codec preferred = List.of(settings.codecs()).stream().flatMap(name -> SessionDescription.codecNamed(name).stream())
                .findFirst().orElse(G711Codec.PCMU);
        SipCall call = new SipCall(callRefs.next(), line, Direction.OUTGOING, "",
                openMedia(preferred, SessionDescription.DEFAULT_TELEPHONE_EVENT_PAYLOAD, ERROR_MAKE_CALL));
        call.localMedia = SessionDescription.offer(endpoint.local.host(), call.media.port(), List.of(settings.codecs()),
                MediaDirection.SENDRECV);
        calls.put(call.ref, call);
        report(call.enter(LineState.OFF_HOOK));
        report(call.enter(LineState.PROCEED));
        try {
            SipURI target = messages.numberUri(line.sip, destination);
            Request invite = messages.request(line.sip, Request.INVITE, target,
                    endpoint.addresses.createAddress(messages.numberUri(line.sip, destination)), messages.newCallId(), 1);
            invite.setContent(call.localSdp(), sdpType());
            call.outgoingInvite = sender.send(invite, line.sip, new OutgoingCall(call, destination));
        } catch (ParseException | InvalidArgumentException e) {
            end(call);
            throw new CommandException(ERROR_MAKE_CALL, "\"" + destination + "\" cannot be called: " + e.getMessage() + ".");
        }
        return call.ref;
    }

    void answer(CallRef ref) {
        SipCall call = call(ref);
        if (call.incomingInvite == null) {
            throw new CommandException(ERROR_NO_CALL, "Call " + ref + " is not ringing in.");
        }
        try {
            Response ok = endpoint.messages.createResponse(Response.OK, call.incomingInvite.getRequest());
            ok.addHeader(messages.contact(call.line.sip));
            ok.setContent(call.localSdp(), sdpType());
            tagLikeDialog(ok, call);
            call.incomingInvite.sendResponse(ok);
            call.incomingInvite = null;
        } catch (ParseException | SipException | InvalidArgumentException e) {
            throw new CommandException(ERROR_NO_CALL, "Call " + ref + " could not be answered: " + e.getMessage() + ".");
        }
        if (call.remoteMedia != null) {
            call.media.connect(call.remoteMedia, call.localMedia, audio);
        }
        report(call.enter(LineState.OFF_HOOK));
        connected(call);
    }

    private CallMedia openMedia(G711Codec codec, int eventPayloadType, ErrorCode failure) {
        try {
            return CallMedia.open(mediaEngine, mediaConfig.withLocalAddress(InetAddress.getByName(endpoint.local.host())),
                    codec, eventPayloadType);
        } catch (IOException e) {
            throw new CommandException(failure, "No RTP port is free from " + settings.rtp_port_min() + " to "
                    + settings.rtp_port_max() + ": " + e.getMessage() + ".");
        }
    }

    void setAudio(UnaryOperator<CallMedia.PhoneAudio> change) {
        audio = change.apply(audio);
        calls.values().forEach(call -> call.media.apply(audio));
    }

    void hangUp(CallRef ref) {
        hangUpCall(call(ref));
    }

    void hold(CallRef ref) {
        reinvite(call(ref), MediaDirection.SENDONLY, LineState.HOLD);
    }

    void resume(CallRef ref) {
        reinvite(call(ref), MediaDirection.SENDRECV, LineState.CONNECTED);
    }

    void sendDtmfInfo(CallRef ref, String digits) {
        sendInfoDigits(call(ref), digits);
    }

    /** One INFO per digit, each sent once the one before was answered, so they arrive in order. */
    private void sendInfoDigits(SipCall call, String digits) {
        if (digits.isEmpty() || !calls.containsKey(call.ref)) {
            return;
        }
        try {
            Request info = call.dialog.createRequest(Request.INFO);
            info.setContent("Signal=" + digits.charAt(0) + "\r\nDuration=160\r\n",
                    endpoint.headers.createContentTypeHeader("application", "dtmf-relay"));
            sender.sendInDialog(call.dialog, info, new Exchange() {
                @Override
                public void response(Response response, ClientTransaction transaction) {
                    if (response.getStatusCode() >= 200) {
                        sendInfoDigits(call, digits.substring(1));
                    }
                }

                @Override
                public void failed(String reason) {
                }
            });
        } catch (SipException | ParseException e) {
            throw new CommandException(ERROR_NO_CALL, "DTMF could not be sent on call " + call.ref + ": " + e.getMessage() + ".");
        }
    }

    /**
     * One-step transfer (RFC 3515): asks the far end to call the destination and, once it
     * accepts, ends this call. @return completed when the far end accepted, or failed with its reason
     */
    CompletableFuture<Void> transfer(CallRef ref, String destination) {
        SipCall call = call(ref);
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        try {
            Request refer = call.dialog.createRequest(Request.REFER);
            refer.addHeader(endpoint.headers.createReferToHeader(
                    endpoint.addresses.createAddress(messages.numberUri(call.line.sip, destination))));
            refer.addHeader(messages.contact(call.line.sip));
            sender.sendInDialog(call.dialog, refer, new Exchange() {
                @Override
                public void response(Response response, ClientTransaction transaction) {
                    int status = response.getStatusCode();
                    if (status < 200) {
                        return;
                    }
                    if (status < 300) {
                        accepted.complete(null);
                        if (calls.containsKey(call.ref)) {
                            hangUpCall(call);
                        }
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
            throw new CommandException(ERROR_TRANSFER, "Call " + ref + " cannot be transferred: " + e.getMessage() + ".");
        }
        return accepted;
    }

    void sendDtmfEvents(CallRef ref, String digits) {
        call(ref).media.sendDigits(digits);
    }

    CallStatsUpdate callStats(CallRef ref) {
        return call(ref).media.statistics(ref);
    }

    private PhoneLine line(int id) {
        if (id < 1 || id > lines.size()) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "Line " + id + " does not exist.");
        }
        return lines.get(id - 1);
    }

    private SipCall call(CallRef ref) {
        SipCall call = calls.get(ref);
        if (call == null) {
            throw new CommandException(ERROR_NO_CALL, "Call " + ref + " does not exist.");
        }
        return call;
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return endpoint.headers.createContentTypeHeader("application", "sdp");
    }

    private void hangUpCall(SipCall call) {
        try {
            if (call.outgoingInvite != null && call.isEarly()) {
                Request cancel = call.outgoingInvite.createCancel();
                endpoint.provider().getNewClientTransaction(cancel).sendRequest();
            } else if (call.incomingInvite != null) {
                call.incomingInvite.sendResponse(endpoint.messages.createResponse(Response.DECLINE,
                        call.incomingInvite.getRequest()));
            } else if (call.dialog != null && !call.hasFailed()) {
                sender.sendInDialog(call.dialog, call.dialog.createRequest(Request.BYE), ignoring());
            }
        } catch (SipException | ParseException | InvalidArgumentException e) {
            // The call ends here all the same; the far end's own timers end its side.
        }
        end(call);
    }

    /** Forgets the call and reports PartyHangup, then the idle line once it has no call left. */
    private void end(SipCall call) {
        if (calls.remove(call.ref) == null) {
            return;
        }
        call.media.close();
        report(new PartyHangup(call.ref));
        if (calls.values().stream().noneMatch(other -> other.line == call.line)) {
            report(call.line.idle());
        }
    }

    private void connected(SipCall call) {
        call.connectedAtMillis = System.currentTimeMillis();
        report(new PartyPickup(call.ref));
        report(call.enter(LineState.CONNECTED));
    }

    private void reinvite(SipCall call, MediaDirection direction, LineState reached) {
        try {
            call.localMedia = SessionDescription.offer(endpoint.local.host(), call.media.port(), List.of(settings.codecs()),
                    direction);
            call.media.setDirection(direction);
            Request invite = call.dialog.createRequest(Request.INVITE);
            invite.addHeader(messages.contact(call.line.sip));
            invite.setContent(call.localSdp(), sdpType());
            sender.sendInDialog(call.dialog, invite, new Exchange() {
                @Override
                public void response(Response response, ClientTransaction transaction) {
                    if (response.getStatusCode() / 100 == 2 && calls.containsKey(call.ref)) {
                        acknowledge(call, response);
                        body(response).flatMap(SessionDescription::parse).ifPresent(media -> call.remoteMedia = media);
                        report(call.enter(reached));
                    }
                }

                @Override
                public void failed(String reason) {
                }
            });
        } catch (SipException | ParseException e) {
            throw new CommandException(ERROR_NO_CALL, "Call " + call.ref + " could not be changed: " + e.getMessage() + ".");
        }
    }

    private void acknowledge(SipCall call, Response response) {
        try {
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            call.dialog.sendAck(call.dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            // The far end retransmits its 200 and ends the call itself when no ACK comes.
        }
    }

    private static Exchange ignoring() {
        return new Exchange() {
            @Override
            public void response(Response response, ClientTransaction transaction) {
            }

            @Override
            public void failed(String reason) {
            }
        };
    }

    private static Optional<String> body(javax.sip.message.Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
    }

    /** The states of an outgoing call as its INVITE is answered. */
    private final class OutgoingCall implements Exchange {
        private final SipCall call;
        private final String destination;

        OutgoingCall(SipCall call, String destination) {
            this.call = call;
            this.destination = destination;
        }

        @Override
        public void response(Response response, ClientTransaction transaction) {
            int status = response.getStatusCode();
            if (!calls.containsKey(call.ref)) {
                if (status / 100 == 2) {
                    // Answered as it was hung up: confirm and end it at once.
                    call.dialog = transaction.getDialog();
                    acknowledge(call, response);
                    try {
                        sender.sendInDialog(call.dialog, call.dialog.createRequest(Request.BYE), ignoring());
                    } catch (SipException e) {
                        // nothing more to do
                    }
                }
                return;
            }
            call.outgoingInvite = status < 200 ? transaction : null;
            call.dialog = transaction.getDialog();
            if (status < 200) {
                if (!call.isEarly()) {
                    return;
                }
                showOtherParty();
                if ((status == Response.RINGING || status == Response.SESSION_PROGRESS) && call.state != LineState.RING_OUT) {
                    report(call.enter(LineState.RING_OUT));
                }
            } else if (status < 300) {
                acknowledge(call, response);
                body(response).flatMap(SessionDescription::parse).ifPresent(media -> {
                    call.remoteMedia = media;
                    call.media.connect(media, media, audio);
                });
                if (call.isEarly()) {
                    showOtherParty();
                    connected(call);
                }
            } else if (call.isEarly()) {
                showOtherParty();
                report(call.enter(FinalResponses.stateOf(status)));
                if (call.state == LineState.BUSY) {
                    report(new PartyBusy(call.ref));
                }
            }
        }

        private void showOtherParty() {
            if (call.otherParty.isEmpty()) {
                call.otherParty = destination;
                report(call.enter(call.state));
            }
        }

        @Override
        public void failed(String reason) {
            call.outgoingInvite = null;
            if (calls.containsKey(call.ref) && call.isEarly()) {
                showOtherParty();
                report(call.enter(LineState.CONGESTION));
            }
        }
    }

    // ---- SIP events, handed from the stack's one callback thread to the worker

    @Override
    public void processRequest(RequestEvent event) {
        worker.execute(() -> onRequest(event));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        worker.execute(() -> sender.responded(event.getResponse(), event.getClientTransaction()));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            worker.execute(() -> sender.failed(event.getClientTransaction(), "no answer"));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // Requests that cannot be sent fail on their own; a lost link shows in the keep-alive.
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    private void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            return;
        }
        try {
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : endpoint.provider().getNewServerTransaction(request);
            switch (method) {
                case Request.INVITE -> {
                    Optional<SipCall> existing = callOf(event.getDialog());
                    if (existing.isPresent()) {
                        remoteReinvite(existing.get(), transaction);
                    } else {
                        incomingCall(transaction);
                    }
                }
                case Request.BYE -> {
                    respond(transaction, Response.OK);
                    callOf(event.getDialog()).ifPresent(this::end);
                }
                case Request.CANCEL -> cancelled(transaction);
                case Request.OPTIONS, Request.INFO -> respond(transaction, Response.OK);
                default -> respond(transaction, Response.NOT_IMPLEMENTED);
            }
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            // A request the stack or the phone could not take is left to the far end's timers.
        }
    }

    private Optional<SipCall> callOf(Dialog dialog) {
        if (dialog == null) {
            return Optional.empty();
        }
        return calls.values().stream().filter(call -> call.dialog != null
                && call.dialog.getCallId().getCallId().equals(dialog.getCallId().getCallId())).findFirst();
    }

    private void respond(ServerTransaction transaction, int status) throws ParseException, SipException, InvalidArgumentException {
        transaction.sendResponse(endpoint.messages.createResponse(status, transaction.getRequest()));
    }

    private void incomingCall(ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        Request invite = transaction.getRequest();
        Optional<PhoneLine> line = lineCalled(invite);
        Optional<SessionDescription> offer = body(invite).flatMap(SessionDescription::parse);
        if (line.isEmpty()) {
            respond(transaction, Response.NOT_FOUND);
            return;
        }
        if (doNotDisturb) {
            respond(transaction, Response.BUSY_HERE);
            return;
        }
        List<String> codecs = List.of(settings.codecs());
        Optional<SessionDescription> agreed = offer.flatMap(media -> SessionDescription.answer(media,
                endpoint.local.host(), 0, codecs, SessionDescription.answering(media.direction())));
        if (offer.isPresent() && agreed.isEmpty()) {
            respond(transaction, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        G711Codec codec = agreed.flatMap(SessionDescription::firstCodec).flatMap(SessionDescription::codecNamed)
                .orElse(G711Codec.PCMU);
        int eventPayloadType = agreed.flatMap(media -> media.payloadOf(SessionDescription.TELEPHONE_EVENT))
                .orElse(SessionDescription.DEFAULT_TELEPHONE_EVENT_PAYLOAD);
        boolean lineBusy = calls.values().stream().anyMatch(call -> call.line == line.get());
        SipCall call;
        try {
            call = new SipCall(callRefs.next(), line.get(), Direction.INCOMING, "",
                    openMedia(codec, eventPayloadType, ErrorCode.ERROR_NO_INCOMING_CALL));
        } catch (CommandException noPort) {
            respond(transaction, Response.BUSY_HERE);
            return;
        }
        int port = call.media.port();
        call.remoteMedia = offer.orElse(null);
        call.localMedia = agreed.map(media -> media.withPort(port)).orElseGet(() -> SessionDescription.offer(
                endpoint.local.host(), port, codecs, MediaDirection.SENDRECV));
        call.dialog = endpoint.provider().getNewDialog(transaction);
        call.incomingInvite = transaction;
        calls.put(call.ref, call);
        Response ringing = endpoint.messages.createResponse(Response.RINGING, invite);
        tagLikeDialog(ringing, call);
        ringing.addHeader(messages.contact(call.line.sip));
        transaction.sendResponse(ringing);
        LineState ringState = lineBusy ? LineState.CALL_WAITING : LineState.RING_IN;
        report(call.enter(ringState));
        call.otherParty = callerId(invite);
        report(call.enter(ringState));
        report(new IncomingCall(call.ref, call.line.sip.number(), call.otherParty));
    }

    /** Gives every response to the INVITE one To tag, which becomes the dialog's. */
    private void tagLikeDialog(Response response, SipCall call) throws ParseException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(Long.toHexString(call.ref.value()));
        }
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
        respond(cancel, Response.OK);
        String callId = cancel.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME).toString();
        for (SipCall call : new ArrayList<>(calls.values())) {
            if (call.incomingInvite != null
                    && call.incomingInvite.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME).toString().equals(callId)) {
                Response terminated = endpoint.messages.createResponse(Response.REQUEST_TERMINATED,
                        call.incomingInvite.getRequest());
                tagLikeDialog(terminated, call);
                call.incomingInvite.sendResponse(terminated);
                call.incomingInvite = null;
                end(call);
            }
        }
    }

    /** The far end changes the session, e.g. holds (sendonly or inactive) or resumes the call. */
    private void remoteReinvite(SipCall call, ServerTransaction transaction)
            throws ParseException, SipException, InvalidArgumentException {
        Optional<SessionDescription> offer = body(transaction.getRequest()).flatMap(SessionDescription::parse);
        boolean wasHeld = call.remoteMedia != null && SessionDescription.holds(call.remoteMedia.direction());
        Response ok = endpoint.messages.createResponse(Response.OK, transaction.getRequest());
        ok.addHeader(messages.contact(call.line.sip));
        if (offer.isPresent()) {
            Optional<SessionDescription> answer = SessionDescription.answer(offer.get(), endpoint.local.host(),
                    call.media.port(), List.of(settings.codecs()), SessionDescription.answering(offer.get().direction()));
            if (answer.isEmpty()) {
                respond(transaction, Response.NOT_ACCEPTABLE_HERE);
                return;
            }
            call.remoteMedia = offer.get();
            call.localMedia = answer.get();
            call.media.connect(offer.get(), answer.get(), audio);
            call.media.setDirection(answer.get().direction());
        }
        ok.setContent(call.localSdp(), sdpType());
        transaction.sendResponse(ok);
        if (wasHeld && !SessionDescription.holds(call.remoteMedia.direction()) && call.state == LineState.CONNECTED) {
            report(new PartyPickup(call.ref));
        }
    }
}
