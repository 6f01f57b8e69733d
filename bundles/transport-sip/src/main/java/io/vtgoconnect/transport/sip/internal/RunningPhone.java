package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_CONFERENCE;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_CALL;
import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

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
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.event.SpeedDialUpdate;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipDnsException;
import io.vtgoconnect.sipdns.SipServerLocator;
import io.vtgoconnect.sipstack.BoundedHandOff;
import io.vtgoconnect.sipstack.BoundedUdpIntake;
import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.MessageListener;
import io.vtgoconnect.sipstack.SerialWorker;
import io.vtgoconnect.sipstack.SipEndpoint;
import io.vtgoconnect.sipstack.TcpLimits;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.IOExceptionEventExt;
import gov.nist.javax.sip.SipListenerExt;
import java.net.InetSocketAddress;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The phone between RunProgram and ExitProgram: its SIP endpoint, its lines and their
 * registrations, and its calls. SIP events and commands run in turn on the phone's worker.
 */
final class RunningPhone implements MessageListener, SipListenerExt {
    private static final long UNREGISTER_WAIT_SECONDS = 3;

    private final PhoneSettings settings;
    private final SoftphoneListener listener;
    private final CallRefs callRefs;
    private final SerialWorker worker;
    /** What peers send, on its way to the worker: bounded, as the UDP intake before it is. */
    private final BoundedHandOff handOff;
    /** Where DNS lookups wait for their answers, off the worker (its thread starts with the first). */
    private final SerialWorker lookups;
    private final List<PhoneLine> lines = new ArrayList<>();
    private final PhoneCalls calls;
    private final CallDiversion diversion = new CallDiversion();
    private final Set<PhoneLine> registeredLines = new HashSet<>();
    /** The call servers of the lines, each located once for all the lines that name it. */
    private final Map<SipDestination, CallServerLocation> locations = new HashMap<>();
    private Optional<SipServerLocator> dns = Optional.empty();
    private final List<String> codecs;
    private final FeatureCodes featureCodes;
    private final LoggerFactory logs;
    private final Logger log;
    private PhoneMedia media;
    private PhoneStack stack;
    private CallSignalling signalling;
    private Dialler dialler;
    private Transfers transfers;
    private IncomingRequests incoming;
    private Softkeys softkeys;
    /** The calls mixed on this phone, while there is a conference. */
    private Optional<LocalConference> conference = Optional.empty();
    /** What Redial calls. */
    private String lastDialled;
    /** The call server changed the device's configuration while calls went on: taken once they end. */
    private boolean resyncPending;

    private RunningPhone(PhoneSettings settings, List<SipLine> sipLines, SoftphoneListener listener, CallRefs callRefs,
            LevelDemand levels, LoggerFactory logs) {
        this.settings = settings;
        this.logs = logs;
        this.log = logs.getLogger(RunningPhone.class);
        this.listener = listener;
        this.callRefs = callRefs;
        this.codecs = List.of(settings.codecs());
        this.featureCodes = featureCodes(settings);
        this.worker = new SerialWorker("vtgo-sip-phone");
        this.handOff = new BoundedHandOff(settings.sip_max_waiting_datagrams(), worker::execute,
                settings.sip_address() + ":" + settings.sip_port());
        this.lookups = new SerialWorker("vtgo-sip-dns");
        this.calls = new PhoneCalls(listener, worker::execute, levels, PhoneService.name(settings));
        calls.onEnded(call -> {
            leftConference(call);
            if (resyncPending && calls.all().isEmpty()) {
                resync();
            }
        });
        for (SipLine line : sipLines) {
            lines.add(new PhoneLine(lines.size() + 1, line));
        }
    }

    /** The configured feature codes; ERROR_PHONE_NOT_FOUND naming an entry that is wrong. */
    private static FeatureCodes featureCodes(PhoneSettings settings) {
        try {
            return FeatureCodes.parse(settings.feature_codes());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, e.getMessage() + ".");
        }
    }

    /** Binds the SIP port, reports the lines and SoftphoneConnected, then registers every line. */
    static RunningPhone start(PhoneSettings settings, DeviceConfiguration device, SoftphoneListener listener,
            CallRefs callRefs, LevelDemand levels, MediaEngine mediaEngine, LoggerFactory logs) {
        List<SipLine> lines = device.lines();
        HostPort local;
        InetAddress localAddress;
        try {
            local = new HostPort(settings.sip_address(), settings.sip_port());
            localAddress = InetAddress.getByName(local.host());
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The SIP address is wrong: " + e.getMessage() + ".");
        }
        if (settings.sip_max_waiting_datagrams() < BoundedUdpIntake.FEWEST_WAITING) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "sip.max.waiting.datagrams is "
                    + settings.sip_max_waiting_datagrams() + ": at least " + BoundedUdpIntake.FEWEST_WAITING + " must be let wait.");
        }
        RunningPhone phone = new RunningPhone(settings, lines, listener, callRefs, levels, logs);
        try {
            phone.dns = PhoneDns.of(settings, lines);
            phone.media = PhoneMedia.of(settings, localAddress, mediaEngine, logs.getLogger(CallMedia.class));
        } catch (CommandException e) {
            phone.worker.close();
            throw e;
        }
        SipEndpoint endpoint;
        try {
            endpoint = SipEndpoint.open(local, phone, settings.sip_max_message_size(), settings.sip_max_waiting_datagrams(),
                    PhoneTls.of(settings, lines), tcpLimits(settings));
        } catch (CommandException e) {
            phone.worker.close();
            throw e;
        } catch (SipException | RuntimeException e) {
            phone.worker.close();
            throw new CommandException(ERROR_PHONE_NOT_FOUND, bindFailure(local, e), e);
        }
        phone.assemble(endpoint);
        try {
            phone.locateCallServers();
        } catch (CommandException e) {
            phone.worker.close();
            endpoint.close();
            phone.media.close();
            throw e;
        }
        List<SpeedDialUpdate> speedDials = SpeedDials.of(device.speedDials(), lines.size());
        listener.configured(phone.lines.stream().map(PhoneLine::config).toList(), speedDials);
        listener.report(new SoftphoneConnected());
        phone.worker.execute(phone::registerLines);
        phone.calls.watchLevelDemand();
        return phone;
    }

    private void assemble(SipEndpoint endpoint) {
        SipMessages messages = new SipMessages(endpoint, settings.device_name());
        stack = new PhoneStack(endpoint, messages, new RequestSender(endpoint.provider(), messages,
                logs.getLogger(RequestSender.class)), logs);
        signalling = new CallSignalling(stack, calls, media);
        dialler = new Dialler(stack, calls, media, signalling, codecs, callRefs);
        transfers = new Transfers(stack, calls, signalling, dialler);
        incoming = new IncomingRequests(stack, calls, media, signalling, transfers, diversion, lines, codecs, callRefs,
                this::resync);
        softkeys = new Softkeys(this, calls, diversion, featureCodes, settings.voicemail_pilot(), settings.cfwdall_destination());
    }

    /** @throws CommandException ERROR_PHONE_NOT_FOUND when a TCP limit is below 1 */
    private static TcpLimits tcpLimits(PhoneSettings settings) {
        try {
            return new TcpLimits(settings.sip_tcp_first_message_timeout() * 1000L, settings.sip_tcp_idle_timeout() * 1000L,
                    settings.sip_tcp_connections());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "sip.tcp.first.message.timeout, sip.tcp.idle.timeout and "
                    + "sip.tcp.connections must each be at least 1.");
        }
    }

    private static String bindFailure(HostPort local, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "The SIP port " + local + " is in use by another program; free it or configure another sip.port.";
            }
        }
        return "The SIP stack could not listen on " + local + ": " + e.getMessage() + ".";
    }

    /**
     * Finds each call server named by a host name before the phone runs, so that a name DNS does
     * not know is RunProgram's error rather than a registration that never happens.
     * @throws CommandException ERROR_PHONE_NOT_FOUND saying which line's server cannot be found and why
     */
    private void locateCallServers() {
        for (PhoneLine line : lines) {
            try {
                location(line.sip).locate();
            } catch (SipDnsException e) {
                throw new CommandException(ERROR_PHONE_NOT_FOUND, "The call server of line " + line.sip.number()
                        + " cannot be found: " + e.getMessage() + ".");
            }
        }
    }

    /**
     * The location of the server the line's requests go to first (its outbound proxy, else its
     * registrar), shared by the lines that name it.
     * @throws CommandException ERROR_PHONE_NOT_FOUND for a host name when the phone started without DNS
     */
    private CallServerLocation location(SipLine line) {
        SipDestination firstHop = line.firstHop();
        if (!firstHop.isIpLiteral() && dns.isEmpty()) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The " + (line.outboundProxy().isPresent() ? "outbound proxy "
                    : "registrar ") + firstHop.host() + " of line " + line.number()
                    + " is a host name: the phone looks it up from its next RunProgram on.");
        }
        return locations.computeIfAbsent(firstHop, server -> new CallServerLocation(server, dns, stack.endpoint().located(),
                worker, lookups));
    }

    private void registerLines() {
        lines.forEach(this::register);
    }

    private void register(PhoneLine line) {
        CallServerLocation location;
        try {
            location = location(line.sip);
        } catch (CommandException e) {
            calls.report(new CallManagerDisconnected("line " + line.sip.number() + ": " + e.getMessage()));
            return;
        }
        line.registration = new Registration(line.sip, location, stack, worker,
                new Registration.Outcome() {
                    @Override
                    public void registered() {
                        // The phone is connected once every line is registered, as one event (the manual's transcript 1).
                        if (registeredLines.add(line) && registeredLines.size() == lines.size()) {
                            calls.report(new CallManagerConnected());
                        }
                    }

                    @Override
                    public void lost(String reason) {
                        registeredLines.remove(line);
                        calls.report(new CallManagerDisconnected("line " + line.sip.number() + ": " + reason));
                    }

                    @Override
                    public void keptAlive() {
                        calls.report(new ConnectionKeepAlive());
                    }
                });
        line.registration.start();
    }

    /**
     * A line was configured anew while the phone runs (its password, registrar, transport...): the
     * line of that number leaves its registrar and registers with the new settings; its calls go
     * on. A number the phone does not have waits for the next RunProgram.
     */
    void lineChanged(SipLine changed) {
        lines.stream().filter(line -> line.sip.number().equals(changed.number()) && !line.sip.equals(changed))
                .findFirst().ifPresent(line -> {
                    registeredLines.remove(line);
                    calls.report(new CallManagerDisconnected("line " + changed.number() + ": its configuration changed"));
                    Runnable renew = () -> {
                        line.sip = changed;
                        register(line);
                    };
                    if (line.registration == null) {
                        renew.run();
                    } else {
                        line.registration.stop(() -> worker.execute(renew));
                    }
                });
    }

    /**
     * The call server says the device's configuration changed (after an Extension Mobility login
     * or logout): fetch it again, unregister the old lines and register the new ones. A phone in a
     * call does it once its calls have ended, as a desk phone waits to restart.
     */
    void resync() {
        if (settings.provisioning_url().isBlank()) {
            return;
        }
        resyncPending = !calls.all().isEmpty();
        if (resyncPending) {
            return;
        }
        CompletableFuture.supplyAsync(() -> DeviceConfiguration.fetch(settings))
                .whenComplete((device, failure) -> worker.execute(() -> {
                    if (failure != null) {
                        calls.report(new CallManagerDisconnected("the device configuration could not be fetched again: "
                                + failure.getCause().getMessage()));
                    } else {
                        reprovision(device);
                    }
                }));
    }

    /** Unregisters every line, then takes the new lines and speed dials and registers them. */
    private void reprovision(DeviceConfiguration device) {
        int[] unregistering = {lines.size()};
        Runnable oneDone = () -> {
            if (--unregistering[0] == 0) {
                // New registrations only once the old ones are gone, so that a line in both stays registered.
                lines.clear();
                device.lines().forEach(line -> lines.add(new PhoneLine(lines.size() + 1, line)));
                listener.configured(lines.stream().map(PhoneLine::config).toList(),
                        SpeedDials.of(device.speedDials(), lines.size()));
                lines.forEach(line -> calls.report(line.idle()));
                registerLines();
            }
        };
        registeredLines.clear();
        calls.report(new CallManagerDisconnected("the device configuration changed"));
        for (PhoneLine line : new ArrayList<>(lines)) {
            if (line.registration == null) {
                oneDone.run();
            } else {
                line.registration.stop(() -> worker.execute(oneDone));
            }
        }
    }

    /** Ends every call, unregisters every line, releases the SIP stack and reports SoftphoneDisconnected. */
    void stop() {
        calls.unwatchLevelDemand();
        CountDownLatch unregistered = new CountDownLatch(lines.size());
        try {
            worker.run(() -> {
                calls.all().forEach(signalling::hangUp);
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
            log.warn("The phone stopped without ending its calls and registrations in turn: {}", e.getMessage());
        }
        lookups.close();
        worker.close();
        stack.endpoint().close();
        media.close();
        if (!registeredLines.isEmpty()) {
            listener.report(new CallManagerDisconnected("unregistered"));
        }
        listener.report(new SoftphoneDisconnected("stopped"));
    }

    SerialWorker worker() {
        return worker;
    }

    // ---- commands, run on the worker

    /**
     * Presses the softkey (see {@link Softkeys}). @return completed once its request is accepted, with
     * what it did when no event shows it (a toggle's new setting), or an empty string
     */
    CompletableFuture<String> softkey(Softkey key, int lineId, CallRef ref) {
        return softkeys.press(key, line(lineId), ref);
    }

    void offHook(int lineId) {
        offHook(line(lineId));
    }

    void offHook(PhoneLine line) {
        calls.report(line.update(LineState.OFF_HOOK, CallRef.NONE, Direction.NONE, ""));
    }

    void onHook(int lineId) {
        PhoneLine line = line(lineId);
        calls.onLine(line).forEach(signalling::hangUp);
        calls.report(line.idle());
    }

    CallRef dial(int lineId, String destination) {
        return dial(line(lineId), destination);
    }

    CallRef dial(PhoneLine line, String destination) {
        lastDialled = destination;
        return dialler.dial(line, destination).ref;
    }

    Optional<String> lastDialled() {
        return Optional.ofNullable(lastDialled);
    }

    void answer(CallRef ref) {
        answer(calls.get(ref));
    }

    void answer(SipCall call) {
        signalling.answer(call);
    }

    void setAudio(UnaryOperator<CallMedia.PhoneAudio> change) {
        CallMedia.PhoneAudio audio = media.change(change);
        calls.all().forEach(call -> call.media.apply(audio));
    }

    void hangUp(CallRef ref) {
        hangUp(calls.get(ref));
    }

    void hangUp(SipCall call) {
        signalling.hangUp(call);
    }

    void hold(CallRef ref) {
        hold(calls.get(ref));
    }

    void hold(SipCall call) {
        signalling.hold(call);
    }

    void resume(CallRef ref) {
        resume(calls.get(ref));
    }

    void resume(SipCall call) {
        signalling.resume(call);
    }

    void sendDtmfInfo(CallRef ref, String digits) {
        signalling.sendInfoDigits(calls.get(ref), digits);
    }

    void sendDtmfEvents(CallRef ref, String digits) {
        calls.get(ref).media.sendDigits(digits);
    }

    /** The call; ERROR_NO_CALL when it does not exist. */
    SipCall call(CallRef ref) {
        return calls.get(ref);
    }

    CallStatsUpdate callStats(CallRef ref) {
        SipCall call = calls.get(ref);
        if (call.isEarly() && call.remoteMedia == null) {
            throw new CommandException(ERROR_NO_CALL, "Call " + ref + " has no audio yet: it is " + call.state().manualName() + ".");
        }
        return call.media.statistics(ref);
    }

    /** One-step transfer. @return completed when the far end accepted, or failed with its reason */
    CompletableFuture<Void> transfer(CallRef ref, String destination) {
        return transfer(calls.get(ref), destination);
    }

    CompletableFuture<Void> transfer(SipCall call, String destination) {
        return transfers.oneStep(call, destination);
    }

    /** Parks the call at the call server. @return completed once the server said where, or failed with its refusal */
    CompletableFuture<Void> park(SipCall call, String code) {
        return transfers.park(call, code);
    }

    /** Holds the call and calls the destination from its line. @return the consult call */
    CallRef consult(CallRef ref, String destination) {
        SipCall call = calls.get(ref);
        hold(call);
        lastDialled = destination;
        return dialler.dial(call.line, destination).ref;
    }

    /** Attended transfer of the held call to the party of the consult call. */
    CompletableFuture<Void> attendedTransfer(CallRef held, CallRef consult) {
        return attendedTransfer(calls.get(held), calls.get(consult));
    }

    CompletableFuture<Void> attendedTransfer(SipCall held, SipCall consult) {
        return transfers.attended(held, consult);
    }

    /** Drops the consult call and resumes the held one, also when the far end has not yet agreed to the hold. */
    void cancelConsultation(CallRef held, CallRef consult) {
        SipCall heldCall = calls.get(held);
        calls.find(consult).ifPresent(signalling::hangUp);
        if (heldCall.heldOrHolding()) {
            resume(heldCall);
        }
    }

    /**
     * Joins the held call and the added one in a conference mixed here; the held call is resumed,
     * also when the far end has not yet agreed to the hold.
     */
    void conference(CallRef held, CallRef added) {
        conference(calls.get(held), calls.get(added));
    }

    void conference(SipCall held, SipCall added) {
        if (added.isEarly() || added.hasFailed()) {
            throw new CommandException(ERROR_CONFERENCE, "Call " + added.ref + " to " + added.otherParty
                    + " is not answered, so it cannot join the conference.");
        }
        mix(List.of(held, added));
    }

    /** The Join softkey: every connected or held call of the line (or of the phone) joins one conference. */
    void join(PhoneLine line) {
        List<SipCall> joining = calls.onLine(line).stream()
                .filter(call -> call.state() == LineState.CONNECTED || call.state() == LineState.HOLD).toList();
        if (joining.size() < 2) {
            joining = calls.all().stream().filter(call -> call.state() == LineState.CONNECTED || call.state() == LineState.HOLD)
                    .toList();
        }
        if (joining.size() < 2) {
            throw new CommandException(ERROR_CONFERENCE, "Join needs two or more connected or held calls; there are "
                    + joining.size() + ".");
        }
        mix(joining);
    }

    private void mix(List<SipCall> joining) {
        LocalConference mixing = conference.orElseGet(() -> new LocalConference(media.sampleRate()));
        conference = Optional.of(mixing);
        for (SipCall call : joining) {
            if (!mixing.contains(call)) {
                mixing.add(call);
            }
            if (call.heldOrHolding()) {
                resume(call);
            }
        }
    }

    /** The DropLastConferee softkey: the party added last leaves (its call ends). */
    void dropLastConferee() {
        SipCall last = conference.flatMap(LocalConference::lastAdded).orElseThrow(() -> new CommandException(
                ERROR_CONFERENCE, "There is no conference, so there is no conferee to drop."));
        signalling.hangUp(last);
    }

    /** A call that ended leaves the conference; one call alone is no conference. */
    private void leftConference(SipCall call) {
        conference.ifPresent(mixing -> {
            mixing.remove(call);
            if (mixing.members().size() < 2) {
                mixing.dissolve();
                conference = Optional.empty();
            }
        });
    }

    /** Sends the call ringing in to another number (302). */
    void redirect(SipCall call, String number) {
        try {
            incoming.redirect(call.incomingInvite, call.line, number);
            call.incomingInvite = null;
        } catch (ParseException | SipException | InvalidArgumentException e) {
            throw new CommandException(ERROR_NO_CALL, "Call " + call.ref + " could not be diverted: " + e.getMessage() + ".");
        }
        calls.end(call);
    }

    private PhoneLine line(int id) {
        if (id < 1 || id > lines.size()) {
            throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "Line " + id + " does not exist.");
        }
        return lines.get(id - 1);
    }

    // ---- SIP events, handed from the stack's one callback thread to the worker

    @Override
    public void processRequest(RequestEvent event) {
        handOff.handOff(event.getRequest(), () -> incoming.handle(event));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        handOff.handOff(event.getResponse(), () -> stack.sender().responded(event.getResponse(), event.getClientTransaction()));
    }

    /** A connection the phone pinged got no pong in time, and the stack closed it: its lines register again. */
    @Override
    public void processIOException(IOExceptionEvent event) {
        if (event instanceof IOExceptionEventExt closed && closed.getReason() == IOExceptionEventExt.Reason.KeepAliveTimeout
                && HostPort.isIpLiteral(closed.getPeerHost())) {
            InetSocketAddress server;
            try {
                server = new InetSocketAddress(InetAddress.getByName(closed.getPeerHost()), closed.getPeerPort());
            } catch (UnknownHostException e) {
                return;
            }
            worker.execute(() -> lines.stream().filter(line -> line.registration != null)
                    .forEach(line -> line.registration.pongMissing(server)));
        }
    }

    /** A dialog the stack ends itself (no ACK came): nothing more to do than the stack does. */
    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            String reason = stack.endpoint().tlsRefusal(event.getClientTransaction()).orElse("no answer");
            worker.execute(() -> stack.sender().failed(event.getClientTransaction(), reason));
        }
    }
}
