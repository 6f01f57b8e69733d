package io.vtgoconnect.callmanager.internal;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.Media;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.SipParts;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoints;
import io.vtgoconnect.callmanager.internal.provisioning.DeviceProfile;
import io.vtgoconnect.callmanager.internal.registrar.Authenticator;
import io.vtgoconnect.callmanager.internal.registrar.BindingStore;
import io.vtgoconnect.callmanager.internal.registrar.Nonces;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.callmanager.internal.voicemail.Mailboxes;
import io.vtgoconnect.callmanager.internal.voicemail.MessageWaiting;
import io.vtgoconnect.callmanager.internal.voicemail.Voicemail;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.sipstack.AnsweredByes;
import io.vtgoconnect.sipstack.EarlyRefusal;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.MessageListener;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.SerialWorker;
import io.vtgoconnect.sipstack.SipEndpoint;
import io.vtgoconnect.sipstack.SipTls;
import io.vtgoconnect.sipstack.StackTimer;
import io.vtgoconnect.sipstack.TcpLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The server's SIP listener: checks each request as RFC 3261 asks (and RFC 4475's torture cases
 * show), authenticates what claims to come from a line of the directory, then hands it to the
 * registrar, the routing or the leg it belongs to. A request is admitted as it arrives, on the
 * SIP stack's thread that read it (the UDP intake's, bounded by overload.datagrams, or a TCP
 * connection's): a new call is refused there at once when the server is overloaded
 * ({@link Overload}; over UDP already as its datagram is read, {@link EarlyRefusal}), and
 * otherwise gets its transaction and 100 Trying, so that the stack
 * absorbs its retransmissions. It is then handled on the partition of its Call-ID, or
 * exclusively when it touches several calls ({@link SipWorkers}).
 */
public final class SipServer implements MessageListener, AutoCloseable {
    /** Option tags the server understands in a Require header. */
    private static final Set<String> SUPPORTED = Set.of("replaces");
    private static final String SIP_2_0 = "SIP/2.0";
    /** Requests outside a known dialog that a line's phone must authenticate (RFC 3261 22.3), as a PBX asks. */
    private static final Set<String> AUTHENTICATED = Set.of(Request.INVITE, Request.REFER, Request.SUBSCRIBE,
            Request.MESSAGE, Request.BYE);
    private static final Pattern SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*([0-9*#A-D])\\s*$");

    /**
     * A finished transaction or dialog keeps its messages as bytes, not parsed (the stack keeps
     * each for up to 32 s, for retransmissions), and is let go at the stack timer's next grid step
     * after it ends rather than 8 s later (the stack's linger, which only delays what a late
     * retransmission gets: the same answer the stack gives once it is gone). With every call's
     * dialogs and transactions lingering 1 s, the heap of a flood at 4 times the capacity was
     * 114-125 MB against 76-88. The stack's linger stays 1 s, as 0 runs a dialog's linger where it
     * fails (see {@link StackTimer}).
     */
    private static final Map<String, String> STACK = Map.of("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal",
            "gov.nist.javax.sip.LINGER_TIMER", "1", StackTimer.LINGER_MILLIS, "1");

    private final FeatureCodes codes;
    private final SipWorkers workers;
    private final SerialWorker worker;
    private final Overload overload;
    private final int retryAfterSeconds;
    private final Logger log;
    private final MediaEngine engine = MediaEngine.releasingPortsInBackground();
    private final SipEndpoint endpoint;
    private final Switchboard board;
    private final Directory directory;
    private final Authenticator authenticator;
    private final Registrar registrar;
    /** Numbers a caller that is no line of the directory may call. */
    private final Set<String> publicNumbers;
    private final CallRouting routing;
    private final ServerTransfers transfers;
    private final MessageWaiting messageWaiting;
    /** Numbers the server answers itself, asked before the directory's lines. */
    private final List<NumberService> services = new CopyOnWriteArrayList<>();

    private SipServer(ServerSettings settings, FeatureCodes codes, NumberRange parkRange, Directory directory,
            BindingStore bindings, LoggerFactory logs, SipEndpoint endpoint) throws Exception {
        this.endpoint = endpoint;
        this.codes = codes;
        this.directory = directory;
        this.log = logs.getLogger(SipServer.class);
        this.publicNumbers = Set.of(settings.public_numbers());
        this.workers = new SipWorkers("vtgo-callmanager", settings.sip_workers());
        this.worker = workers.exclusiveWorker();
        InetAddress local = InetAddress.getByName(endpoint.local.host());
        // Datagrams not yet read wait as much as the workers' tasks: a new call refused as the intake
        // fills costs the reading thread two messages, one admitted about ten.
        this.overload = new Overload(settings, () -> workers.queued() + endpoint.datagramsWaiting(),
                () -> engine.freePortPairs(local, settings.rtp_port_min(), settings.rtp_port_max()),
                logs.getLogger(Overload.class));
        this.retryAfterSeconds = settings.overload_retry_after();
        // Over UDP, a new call is refused as it is read, before the stack parses it; over TCP and TLS, here.
        endpoint.refuseNewCallsEarly(new EarlyRefusal(() -> overload.refusal().isPresent(), retryAfterSeconds));
        if (settings.sip_bye_answers() > 0) {
            // A call's BYE, once answered, keeps its answer's bytes for its retransmissions rather than its transaction.
            endpoint.answerByesAgainFrom(new AnsweredByes(settings.sip_bye_answers()));
        }
        SipParts sip = SipParts.of(endpoint);
        this.board = new Switchboard(sip, Media.ports(engine, RtpSessionConfig.defaults().withLocalAddress(local)
                .withPortRange(settings.rtp_port_min(), settings.rtp_port_max())), logs, workers,
                settings.overload_retry_after(), settings.media_transcoding());
        this.authenticator = new Authenticator(sip, directory, settings.realm(),
                Authenticator.algorithms(settings.digest_algorithms()), new Nonces(Authenticator.NONCE_MILLIS,
                        System::currentTimeMillis));
        this.registrar = new Registrar(sip, directory, authenticator, settings.max_expiry(), bindings,
                System::currentTimeMillis, this::registered);
        this.routing = new CallRouting(board, registrar, directory, services);
        Mailboxes mailboxes = new Mailboxes(Path.of(settings.voicemail_folder()));
        this.messageWaiting = new MessageWaiting(board, registrar, mailboxes, settings.voicemail_pilot(), logs);
        CallPark park = new CallPark(board, registrar, worker, parkRange, settings.park_timeout());
        this.transfers = new ServerTransfers(board, routing, endpoint, park, codes.code(FeatureCodes.Feature.PARK), logs);
        services.add(new Voicemail(board, worker, directory, mailboxes, messageWaiting, settings.voicemail_pilot(),
                settings.voicemail_max_seconds(), logs));
        services.add(park);
    }

    /** The feature codes it answers. */
    FeatureCodes codes() {
        return codes;
    }

    /** A line registered: its phones hear whether messages wait, in the next turn, once the registration's 200 is sent. */
    private void registered(String number) {
        worker.execute(() -> messageWaiting.registered(number));
    }

    /**
     * Binds the SIP port (UDP and TCP), and the TLS port when a key store is configured, and starts serving; {@code codes} and {@code parkRange} are
     * the settings' feature codes and park numbers, read (and found right) before anything binds.
     */
    static SipServer start(ServerSettings settings, FeatureCodes codes, NumberRange parkRange, Directory directory,
            BindingStore bindings, LoggerFactory logs) throws Exception {
        HostPort local = new HostPort(settings.sip_address(), settings.sip_port());
        Authenticator.algorithms(settings.digest_algorithms());
        DeferredListener listener = new DeferredListener();
        SipEndpoint endpoint = SipEndpoint.open(local, listener, settings.sip_max_message_size(),
                settings.overload_datagrams(), STACK, tls(settings), new TcpLimits(settings.sip_tcp_first_message_timeout() * 1000L,
                        settings.sip_tcp_idle_timeout() * 1000L, settings.sip_tcp_connections()));
        try {
            SipServer server = new SipServer(settings, codes, parkRange, directory, bindings, logs, endpoint);
            listener.target = server;
            return server;
        } catch (Exception | Error e) {
            endpoint.close();
            throw e;
        }
    }

    /**
     * SIP over TLS when a key store is configured, serving its certificate.
     * @throws IllegalArgumentException saying why the key store or its password file cannot be used (never the password)
     */
    private static Optional<SipTls> tls(ServerSettings settings) {
        if (settings.tls_keystore().isBlank()) {
            return Optional.empty();
        }
        char[] password = SecretFile.firstLine(settings.tls_keystore_password_file()).toCharArray();
        try {
            return Optional.of(SipTls.of(settings.sip_tls_port(), Optional.empty(), new char[0],
                    Optional.of(Path.of(settings.tls_keystore().strip())), password));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Passes the stack's events on once the server is built: the endpoint needs its listener before the server exists. */
    private static final class DeferredListener implements MessageListener {
        volatile SipListener target;

        @Override
        public void processRequest(RequestEvent event) {
            if (target != null) {
                target.processRequest(event);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            if (target != null) {
                target.processResponse(event);
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (target != null) {
                target.processTimeout(event);
            }
        }
    }

    /**
     * Tells every phone registered for the profile's lines to fetch its configuration again (a
     * NOTIFY with Event check-sync, as a CallManager sends after an Extension Mobility login).
     */
    void checkSync(DeviceProfile before) {
        Set<String> told = new java.util.HashSet<>();
        for (DirectoryLine line : before.lines()) {
            for (Registrar.Binding binding : registrar.contacts(line.number())) {
                if (told.add(binding.contact().getHost() + ":" + binding.contact().getPort())) {
                    try {
                        Request notify = board.outOfDialog(binding.contact(), Request.NOTIFY, line.number(), line.number());
                        notify.addHeader(endpoint.headers.createEventHeader("check-sync"));
                        notify.addHeader(endpoint.headers.createSubscriptionStateHeader("terminated"));
                        // The phone learns of the change the next time it starts, if this goes unanswered.
                        board.send(notify, Exchange.ignored());
                    } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
                        log.warn("Cannot tell {} to fetch its configuration again: {}", binding.contact(), e.getMessage());
                    }
                }
            }
        }
    }

    /** Adds numbers the server answers itself; the test endpoints also take part in transfers and park like any party. */
    void add(NumberService service) {
        services.add(service);
        if (service instanceof TestEndpoints endpoints) {
            transfers.standInFor(endpoints);
        }
    }

    void remove(NumberService service) {
        services.remove(service);
        if (service instanceof TestEndpoints) {
            transfers.standInFor(null);
        }
    }

    public CallRouting routing() {
        return routing;
    }

    public Registrar registrar() {
        return registrar;
    }

    public Switchboard board() {
        return board;
    }

    /** The exclusive worker: what runs there sees and changes every call, with the partitions waiting. */
    public SerialWorker worker() {
        return worker;
    }

    /** New calls refused with 503 for overload since the server started. */
    long refusedForOverload() {
        return overload.refused();
    }

    /** RTP packets the server's media sent since it started: those it relayed between legs, and its own. */
    long rtpPacketsSent() {
        return engine.packetsSent();
    }

    /** UDP datagrams dropped unread since the server started, its SIP intake full. */
    long datagramsDropped() {
        return endpoint.datagramsDropped();
    }

    public MessageWaiting messageWaiting() {
        return messageWaiting;
    }

    /**
     * Admits a request on the stack's thread: a new INVITE is refused at once (503, stateless)
     * while the server is overloaded; any other request gets its transaction here, so that a
     * retransmission that arrives while it waits is answered by the stack (a new INVITE gets 100
     * Trying at once, which stops its retransmissions) and one that arrives now is dropped.
     */
    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (method.equals(Request.ACK)) {
            if (toTag == null || !toTag.startsWith(EarlyRefusal.TAG_PREFIX)) {
                workers.execute(callId, true, () -> handle(event, null));
            }
            return;
        }
        boolean newCall = method.equals(Request.INVITE) && toTag == null;
        try {
            if (newCall && (arrivedOverUdp(request) ? overload.refusalAtLimit() : overload.refusal()).isPresent()) {
                refuseForOverload(request);
                return;
            }
            if (request.getHeader(MaxForwardsHeader.NAME) == null) {
                // RFC 2543 had no Max-Forwards, and the stack takes no request without one.
                request.addHeader(endpoint.headers.createMaxForwardsHeader(MessageParts.MAX_FORWARDS));
            }
            ServerTransaction transaction;
            try {
                transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                        : endpoint.provider().getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException retransmission) {
                // The request is being handled: the stack answers its retransmissions from now on.
                return;
            } catch (TransactionUnavailableException incomplete) {
                // The stack keeps no transaction for a request it finds incomplete (an RFC 2543 INVITE
                // without Contact): refused at once, without one.
                endpoint.provider().sendResponse(endpoint.messages.createResponse(
                        refusal(request).orElse(Response.BAD_REQUEST), request));
                return;
            }
            answerOnArrivalTransport(request, transaction);
            if (newCall) {
                transaction.sendResponse(endpoint.messages.createResponse(Response.TRYING, request));
            }
            // A CANCEL waits behind the INVITE it cancels, which may still wait as a new call.
            workers.execute(callId, toTag != null, () -> handle(event, transaction));
        } catch (Exception e) {
            // The request is left to the sender's timers.
            log.warn("{} from {} not admitted: {}", method, Switchboard.fromNumber(request), describe(e));
        }
    }

    /** Whether the request came in a UDP datagram, which {@link EarlyRefusal} saw (and let through) as it was read. */
    private static boolean arrivedOverUdp(Request request) {
        return ((SIPRequest) request).getMessageChannel() instanceof MessageChannel channel
                && ListeningPoint.UDP.equalsIgnoreCase(channel.getTransport());
    }

    /** 503 with Retry-After, sent statelessly: nothing is kept of the call, and its retransmissions are refused again. */
    private void refuseForOverload(Request request) throws Exception {
        Response response = endpoint.messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
        // The same tag for a retransmission of the INVITE, as a stateless server must give (RFC 3261 8.2.6.2).
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(EarlyRefusal.TAG_PREFIX
                + Integer.toHexString(java.util.Objects.hash(via.getBranch(),
                        ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId())));
        response.addHeader(endpoint.headers.createRetryAfterHeader(retryAfterSeconds));
        endpoint.provider().sendResponse(response);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Switchboard.letGoOfAnsweredBye(event);
        String callId = ((CallIdHeader) event.getResponse().getHeader(CallIdHeader.NAME)).getCallId();
        workers.execute(callId, true, () -> {
            if (workers.exclusive() || board.isPartitioned(event.getResponse())) {
                board.responded(event);
            } else if (board.isAwaited(event)) {
                worker.execute(() -> board.responded(event));
            }
            // Else nobody waits for it (the 200 to the BYE of a leg already forgotten): no exclusive turn, which stops every partition.
        });
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            Request request = event.getClientTransaction().getRequest();
            String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            workers.execute(callId, true, () -> {
                if (workers.exclusive() || board.isPartitioned(request)) {
                    board.timedOut(event.getClientTransaction());
                } else {
                    worker.execute(() -> board.timedOut(event.getClientTransaction()));
                }
            });
        }
    }

    /**
     * Handles an admitted request ({@code transaction} null for an ACK, or for a request the stack
     * keeps no transaction for) on its partition; what touches several calls goes on to the exclusive worker.
     */
    private void handle(RequestEvent event, ServerTransaction admitted) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            Optional<Leg> leg = board.legOf(request);
            ServerTransaction transaction = admitted;
            if (!method.equals(Request.ACK)) {
                // Checks of the request alone, answered on whichever thread it is.
                Optional<Integer> refusal = refusal(request);
                if (refusal.isPresent()) {
                    refuse(transaction, refusal.get());
                    return;
                }
            }
            if (!workers.exclusive() && !partitionTakes(request, leg)) {
                // The dialog's later requests follow this one there.
                leg.ifPresent(board::handOver);
                worker.execute(() -> handle(event, admitted));
                return;
            }
            leg.ifPresent(board::claim);
            if (method.equals(Request.ACK)) {
                leg.ifPresent(board::acknowledged);
                return;
            }
            boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
            if (leg.isEmpty() && AUTHENTICATED.contains(method) && !admitted(request, transaction)) {
                return;
            }
            switch (method) {
                case Request.REGISTER -> registrar.register(transaction);
                case Request.INVITE -> {
                    if (leg.isPresent() && inDialog) {
                        board.reinvited(leg.get(), transaction);
                    } else if (inDialog) {
                        board.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    } else if (request.getHeader(ServerTransfers.REPLACES) != null) {
                        transfers.replacing(transaction);
                    } else {
                        routing.invited(transaction);
                    }
                }
                case Request.BYE -> {
                    endpoint.respondToBye(transaction, endpoint.messages.createResponse(
                            leg.isPresent() ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                    leg.ifPresent(board::end);
                }
                case Request.CANCEL -> {
                    board.respond(transaction, leg.isPresent() ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    leg.filter(Leg::isWaitingForAnswer).ifPresent(board::cancelled);
                }
                case Request.INFO -> {
                    board.respond(transaction, leg.isPresent() ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    leg.ifPresent(known -> relayInfoDigit(known, request));
                }
                case Request.REFER -> {
                    if (leg.isPresent()) {
                        transfers.refer(leg.get(), transaction);
                    } else {
                        board.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    }
                }
                case Request.OPTIONS, Request.NOTIFY -> board.respond(transaction, Response.OK);
                case Request.SUBSCRIBE -> board.respond(transaction, Response.BAD_EVENT);
                default -> refuse(transaction, Response.METHOD_NOT_ALLOWED);
            }
        } catch (Exception e) {
            // The request is left to the sender's timers.
            log.warn("{} from {} not handled: {}", method, Switchboard.fromNumber(request), describe(e));
        }
    }

    /**
     * Whether a partition handles the request itself: one of a plain call's dialogs, a new call
     * from a user agent to a line, or a request that finds no dialog and is simply answered.
     * Registrations, transfers and calls to the numbers the server answers itself are exclusive,
     * and so is a CANCEL that finds no call: its INVITE may wait there.
     */
    private boolean partitionTakes(Request request, Optional<Leg> leg) {
        String method = request.getMethod();
        if (leg.isPresent()) {
            return leg.get().isPartitioned() && !method.equals(Request.REFER);
        }
        return switch (method) {
            case Request.INVITE -> ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null
                    && request.getHeader(ServerTransfers.REPLACES) == null && !board.isOwn(request)
                    && request.getRequestURI() instanceof SipURI uri && uri.getUser() != null && routing.isPlain(uri.getUser());
            case Request.ACK, Request.BYE, Request.INFO, Request.OPTIONS, Request.NOTIFY -> true;
            default -> false;
        };
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Whether the request, outside a known dialog, may go on: the server's own (a test endpoint
     * calling), a line's that proves the line's password (else challenged), or a call from elsewhere
     * to a public number (else 403). Other requests from elsewhere get their usual answers.
     */
    private boolean admitted(Request request, ServerTransaction transaction) throws Exception {
        if (board.isOwn(request)) {
            return true;
        }
        String from = Switchboard.fromNumber(request);
        Optional<DirectoryLine> line = directory.line(from);
        if (line.isPresent()) {
            Authenticator.Outcome outcome = authenticator.check(request, line.get());
            if (outcome == Authenticator.Outcome.PROVED) {
                return true;
            }
            authenticator.challenge(transaction, outcome == Authenticator.Outcome.STALE);
            return false;
        }
        String target = ((SipURI) request.getRequestURI()).getUser();
        if (request.getMethod().equals(Request.INVITE) && (target == null || !publicNumbers.contains(target))) {
            log.info("INVITE to {} from {}, which is no line, refused (403): it is no public number", target, from);
            board.respond(transaction, Response.FORBIDDEN);
            return false;
        }
        return true;
    }

    /**
     * A request whose Via names another transport than the one it came on (a TCP Via in a UDP
     * datagram) is answered on the one it came on: the sender listens there, and nothing else is opened.
     */
    private static void answerOnArrivalTransport(Request request, ServerTransaction transaction) throws ParseException {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String arrival = ((SIPServerTransaction) transaction).getTransport();
        if (!via.getTransport().equalsIgnoreCase(arrival)) {
            via.setTransport(arrival);
        }
    }

    /** The status a request gets before anything else looks at it, if it is one the server cannot take. */
    private Optional<Integer> refusal(Request request) {
        // The stack reads any start line as SIP/2.0; the Via still says which SIP the sender speaks.
        if (!SIP_2_0.equalsIgnoreCase(((ViaHeader) request.getHeader(ViaHeader.NAME)).getProtocol())) {
            return Optional.of(Response.VERSION_NOT_SUPPORTED);
        }
        if (!(request.getRequestURI() instanceof SipURI uri)) {
            return Optional.of(Response.UNSUPPORTED_URI_SCHEME);
        }
        if (uri.getHeaderNames().hasNext()) {
            // Headers have no place in a Request-URI (RFC 3261 19.1.5).
            return Optional.of(Response.BAD_REQUEST);
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        // A request the server would pass on to a user needs a hop left; an OPTIONS to the server itself does not.
        boolean toServerItself = request.getMethod().equals(Request.OPTIONS) && uri.getUser() == null;
        if (maxForwards != null && maxForwards.getMaxForwards() == 0 && !toServerItself) {
            return Optional.of(Response.TOO_MANY_HOPS);
        }
        for (ListIterator<?> it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
            if (!SUPPORTED.contains(((RequireHeader) it.next()).getOptionTag().toLowerCase(java.util.Locale.ROOT))) {
                return Optional.of(Response.BAD_EXTENSION);
            }
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (request.getMethod().equals(Request.INVITE) && request.getRawContent() != null && request.getRawContent().length > 0
                && (type == null || !"application/sdp".equalsIgnoreCase(type.getContentType() + "/" + type.getContentSubType()))) {
            return Optional.of(Response.UNSUPPORTED_MEDIA_TYPE);
        }
        if (!uri.getHost().equalsIgnoreCase(endpoint.local.host()) && !isLoopbackName(uri.getHost())) {
            // Not this server's domain: it forwards nothing and resolves nothing.
            return Optional.of(request.getMethod().equals(Request.REGISTER) ? Response.FORBIDDEN : Response.NOT_FOUND);
        }
        return Optional.empty();
    }

    private boolean isLoopbackName(String host) {
        return host.equalsIgnoreCase("localhost") && endpoint.local.host().startsWith("127.");
    }

    /** A refusal with the headers its status asks for (Unsupported for 420, Accept for 415, Allow for 405). */
    private void refuse(ServerTransaction transaction, int status) throws Exception {
        Response response = endpoint.messages.createResponse(status, transaction.getRequest());
        switch (status) {
            case Response.BAD_EXTENSION -> {
                for (ListIterator<?> it = transaction.getRequest().getHeaders(RequireHeader.NAME); it.hasNext(); ) {
                    String tag = ((RequireHeader) it.next()).getOptionTag();
                    if (!SUPPORTED.contains(tag.toLowerCase(java.util.Locale.ROOT))) {
                        response.addHeader(endpoint.headers.createUnsupportedHeader(tag));
                    }
                }
            }
            case Response.UNSUPPORTED_MEDIA_TYPE -> response.addHeader(endpoint.headers.createAcceptHeader("application", "sdp"));
            case Response.METHOD_NOT_ALLOWED -> response.addHeader(endpoint.headers.createAllowHeader(
                    "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REFER, NOTIFY, REGISTER"));
            default -> { }
        }
        transaction.sendResponse(response);
    }

    private void relayInfoDigit(Leg leg, Request info) {
        Matcher signal = SIGNAL.matcher(MessageParts.body(info).orElse(""));
        if (signal.find() && leg.bridge().isPresent()) {
            for (Leg other : leg.bridge().get().others(leg)) {
                other.media().sendDigits(signal.group(1).toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    /** Hangs up every call, releases the SIP port and the media. */
    @Override
    public void close() {
        try {
            worker.run(board::closeAll);
        } catch (RuntimeException e) {
            log.warn("Calls not all hung up as the server stops: {}", describe(e));
        }
        workers.close();
        endpoint.close();
        engine.close();
    }
}
