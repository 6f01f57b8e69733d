package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionErrorEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;

/**
 * A running JAIN-SIP stack listening on one address over UDP and TCP (and TLS, on a port of its
 * own, when asked for), and its factories. Closing
 * it releases the ports and every thread the stack started. What a peer may make it hold is
 * bounded: a message's size (over UDP and TCP), the time a TCP peer may take to send one, and the
 * number of TCP connections and how long each may stay silent ({@link TcpConnections}); what it
 * drops is logged by {@link PeerFaults}.
 */
public final class SipEndpoint implements AutoCloseable {
    /** The largest message taken unless configured otherwise: 64 KiB, the most a UDP datagram holds. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    /** The smallest limit the stack's TCP reader accepts. */
    public static final int SMALLEST_MAX_MESSAGE_BYTES = 4 * 1024;
    /** Milliseconds a ping waits for its pong (RFC 5626 4.4.1) before the connection counts as dead. */
    public static final long PONG_TIMEOUT_MILLIS = 4000;
    /** Milliseconds a TCP peer may pause while it sends a message's headers, and again its body. */
    static final int READ_TIMEOUT_MILLIS = 5000;
    private static final AtomicInteger STACK_NUMBER = new AtomicInteger();
    private static final String REENTRANT_LISTENER = "gov.nist.javax.sip.REENTRANT_LISTENER";
    private static final String UDP_READER_THREAD = "UDPMessageChannelThread";
    private static final long START_SECONDS = 10;
    /** How long closing lets the message reader finish the message it handles. */
    private static final long READER_FINISH_MILLIS = 1000;

    public final AddressFactory addresses = new AddressFactoryImpl();
    public final HeaderFactory headers = new HeaderFactoryImpl();
    public final MessageFactory messages = new MessageFactoryImpl();
    public final HostPort local;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final StackThreads threads;
    private final ClosingValve valve;
    private final TcpConnections connections;
    private final Optional<SipTls> tls;
    private final LocatedHosts located;
    private final Optional<BoundedUdpIntake> udpIntake;

    private SipEndpoint(HostPort local, Optional<SipTls> tls, LocatedHosts located, Optional<BoundedUdpIntake> udpIntake,
            SipStackImpl stack, SipProvider provider, StackThreads threads, ClosingValve valve, TcpConnections connections) {
        this.local = local;
        this.located = located;
        this.tls = tls;
        this.udpIntake = udpIntake;
        this.stack = stack;
        this.provider = provider;
        this.threads = threads;
        this.valve = valve;
        this.connections = connections;
    }

    /** Binds the stack to the address, with messages of at most {@link #DEFAULT_MAX_MESSAGE_BYTES}. */
    public static SipEndpoint open(HostPort local, SipListener listener) throws SipException {
        return open(local, listener, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * Binds the stack to the address; a message larger than {@code maxMessageBytes} (at least
     * {@link #SMALLEST_MAX_MESSAGE_BYTES}) is refused, and a TCP connection that announces or sends
     * one is closed. On failure nothing is left running.
     */
    public static SipEndpoint open(HostPort local, SipListener listener, int maxMessageBytes) throws SipException {
        return open(local, listener, maxMessageBytes, Map.of(), Optional.empty(), TcpLimits.DEFAULT, Optional.empty());
    }

    /** As {@link #open(HostPort, SipListener, int)}, with other TCP limits. */
    static SipEndpoint open(HostPort local, SipListener listener, int maxMessageBytes, TcpLimits tcpLimits) throws SipException {
        return open(local, listener, maxMessageBytes, Map.of(), Optional.empty(), tcpLimits, Optional.empty());
    }

    /**
     * A server's endpoint: as {@link #open(HostPort, SipListener, int)}, with more of JAIN-SIP's
     * stack properties (a server's, such as how soon finished transactions let go of their
     * messages), with at most {@code maxWaitingDatagrams} UDP datagrams waiting for the stack's
     * thread (see {@link BoundedUdpIntake}), the given limits of TCP and TLS connections, and a TLS
     * listener when given, serving the certificate of its {@link SipTls} and asking clients for
     * none. A TLS client is reached back over the connection it opened ({@link TlsFlows}). The
     * listener is called on the thread that reads the datagrams (and on each TCP connection's, at
     * the same time): otherwise the stack would queue their events for a thread of its own, without limit.
     */
    public static SipEndpoint open(HostPort local, SipListener listener, int maxMessageBytes, int maxWaitingDatagrams,
            Map<String, String> stackProperties, Optional<SipTls> tls, TcpLimits tcpLimits) throws SipException {
        Map<String, String> properties = new HashMap<>(stackProperties);
        properties.put(REENTRANT_LISTENER, "true");
        return open(local, listener, maxMessageBytes, properties, tls, tcpLimits,
                Optional.of(new BoundedUdpIntake(maxWaitingDatagrams)));
    }

    /**
     * A phone's endpoint: as {@link #open(HostPort, SipListener, int)}, with TLS when given (a
     * listener on the TLS port, and connections to call servers made with its context, see
     * {@link SipTls}), the given limits of the TCP and TLS connections peers open, and the RFC 5626 keep-alive of the connections it {@link #ping pings}: one
     * without a pong within {@link #PONG_TIMEOUT_MILLIS} is closed, and the listener, a
     * {@link gov.nist.javax.sip.SipListenerExt}, hears of it through
     * {@link SipListener#processIOException} with a {@link gov.nist.javax.sip.IOExceptionEventExt}
     * of reason {@code KeepAliveTimeout}. Only for a client: the stack also closes a connection
     * whose peer pings it and then pings no more within that time. At most {@code maxWaitingDatagrams}
     * UDP datagrams wait for the stack's thread (see {@link BoundedUdpIntake}); the listener is
     * still called on the stack's event thread, one event at a time.
     */
    public static SipEndpoint open(HostPort local, SipListener listener, int maxMessageBytes, int maxWaitingDatagrams,
            Optional<SipTls> tls, TcpLimits tcpLimits) throws SipException {
        return open(local, listener, maxMessageBytes,
                // The stack reads this one in seconds.
                Map.of("gov.nist.javax.sip.RELIABLE_CONNECTION_KEEP_ALIVE_TIMEOUT", Long.toString(PONG_TIMEOUT_MILLIS / 1000)),
                tls, tcpLimits, Optional.of(new BoundedUdpIntake(maxWaitingDatagrams)));
    }

    private static SipEndpoint open(HostPort local, SipListener listener, int maxMessageBytes,
            Map<String, String> stackProperties, Optional<SipTls> tls, TcpLimits tcpLimits,
            Optional<BoundedUdpIntake> udpIntake) throws SipException {
        if (maxMessageBytes < SMALLEST_MAX_MESSAGE_BYTES) {
            throw new SipException("The largest SIP message, " + maxMessageBytes + " bytes, is below the smallest limit of "
                    + SMALLEST_MAX_MESSAGE_BYTES);
        }
        String name = "vtgo-sip-" + STACK_NUMBER.incrementAndGet();
        PeerFaults faults = new PeerFaults(local.toString());
        StackThreads threads = new StackThreads(name, faults);
        CompletableFuture<SipEndpoint> opened = new CompletableFuture<>();
        // Built on a thread of the group, so that every thread the stack starts is the group's.
        Thread starter = new Thread(threads, () -> {
            try {
                opened.complete(start(name, local, listener, maxMessageBytes, stackProperties, tls, tcpLimits, udpIntake, faults, threads));
            } catch (SipException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        }, name + "-start");
        starter.start();
        try {
            return opened.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SipException sip ? sip : new SipException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SipException("The SIP stack did not start within " + START_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SipException("Interrupted while the SIP stack started");
        }
    }

    private static SipEndpoint start(String name, HostPort local, SipListener listener, int maxMessageBytes,
            Map<String, String> stackProperties, Optional<SipTls> tls, TcpLimits tcpLimits,
            Optional<BoundedUdpIntake> udpIntake, PeerFaults faults, StackThreads threads) throws SipException {
        Properties properties = properties(name, maxMessageBytes, tcpLimits);
        properties.putAll(stackProperties);
        // The intake takes the place of the queue the stack's congestion auditor watches, which then
        // stays empty, and bounds the wait itself: the auditor would only wake every 2 s on a timer
        // thread of its own to look at it (for a farm of 500 phones, 500 threads and 250 wake-ups a second).
        udpIntake.ifPresent(intake -> properties.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0"));
        tls.ifPresent(settings -> properties.putAll(tlsProperties(settings)));
        TcpConnections connections = new TcpConnections(tcpLimits, maxMessageBytes, READ_TIMEOUT_MILLIS, faults, threads, name);
        LocatedHosts located = new LocatedHosts();
        SipStackImpl stack;
        try {
            stack = new SipStackImpl(properties) {
                {
                    // The stack takes its TLS settings from files and passwords in its properties, or
                    // from the JVM's; the endpoint's own context replaces both.
                    networkLayer = new EndpointNetworkLayer(connections, tls.map(SipTls::context), READ_TIMEOUT_MILLIS,
                            located, server -> tls.filter(settings -> settings.certificate().missingFor(server.getAddress().getHostAddress(), server.getPort()))
                                    .ifPresent(refused -> failTransactionsTo(server)));
                }

                /**
                 * A server that wanted a client certificate closed the connection: with TLS 1.3 after
                 * the handshake, so that no send fails, and the requests on it would wait for their
                 * timeout. They fail now instead (as a timeout, with {@link #tlsRefusal}'s reason).
                 */
                private void failTransactionsTo(InetSocketAddress server) {
                    for (SIPClientTransaction transaction : clientTransactionTable.values()) {
                        if (!transaction.isTerminated() && isTo(transaction, server)) {
                            transaction.raiseErrorEvent(SIPTransactionErrorEvent.TRANSPORT_ERROR);
                            try {
                                // Its timer would raise the timeout a second time.
                                transaction.terminate();
                            } catch (javax.sip.ObjectInUseException e) {
                                // Another thread ended it meanwhile: nothing is left to stop.
                            }
                        }
                    }
                }
            };
        } catch (SipException | RuntimeException e) {
            connections.stop();
            throw e;
        }
        udpIntake.ifPresent(stack::setMessageProcessorFactory);
        TlsFlows flows = new TlsFlows();
        stack.setAddressResolver(new LiteralAddressResolver(located, flows));
        stack.setMessageParserFactory(new GuardedParser(maxMessageBytes, faults, connections));
        stack.sipEventInterceptor = new SymmetricResponses();
        ClosingValve valve = new ClosingValve();
        if (stack.sipMessageValves == null) {
            stack.sipMessageValves = new ArrayList<>();
        }
        stack.sipMessageValves.add(valve);
        stack.sipMessageValves.add(connections);
        if (tls.isPresent()) {
            stack.sipMessageValves.add(flows);
        }
        try {
            ListeningPoint udp = stack.createListeningPoint(local.host(), local.port(), ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(local.host(), local.port(), ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            if (tls.isPresent()) {
                provider.addListeningPoint(stack.createListeningPoint(local.host(), tls.get().port(), ListeningPoint.TLS));
            }
            provider.addSipListener(listener);
            provider.setAutomaticDialogSupportEnabled(false);
            stack.start();
            awaitUdpReader(threads);
            return new SipEndpoint(local, tls, located, udpIntake, stack, provider, threads, valve, connections);
        } catch (SipException | InvalidArgumentException | TooManyListenersException | RuntimeException e) {
            stop(stack, threads, connections);
            throw e instanceof SipException sip ? sip : new SipException(e.getMessage(), e);
        }
    }

    private static Properties properties(String name, int maxMessageBytes, TcpLimits tcpLimits) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", name);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", StackLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "WARN");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        properties.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", StackTimer.class.getName());
        // The stack gives up on a TCP header block at half its limit, closing the connection
        // unanswered: with twice the endpoint's limit and more, a block over the endpoint's limit is
        // answered by HeaderBlockLimit before the stack could give up on it. (GuardedParser refuses a
        // longer Content-Length, and a longer datagram.)
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(stackMessageLimit(maxMessageBytes)));
        properties.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Integer.toString(READ_TIMEOUT_MILLIS));
        // The stack's own limit of connections to each listener, which it enforces by no longer
        // accepting: above the limit of TcpConnections, which closes one to take one, so never reached.
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(2 * tcpLimits.maxConnections()));
        // A dropped TCP connection to the call server is reopened on the next request.
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // One thread reads incoming messages, so a 180 and the 200 right behind it stay in order.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        // A call server's NOTIFYs outside a subscription (message waiting, RFC 3842; check-sync) are dropped
        // unless asked for, and get a server transaction so that they can be answered.
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        return properties;
    }

    /** The stack's own message size limit, for an endpoint limit of {@code maxMessageBytes}: see {@link #properties}. */
    static int stackMessageLimit(int maxMessageBytes) {
        return 2 * maxMessageBytes + SMALLEST_MAX_MESSAGE_BYTES;
    }

    /** TLS as the JDK offers it today, with at most as long for a handshake as for a TCP message. */
    private static Properties tlsProperties(SipTls tls) {
        Properties properties = new Properties();
        javax.net.ssl.SSLParameters defaults = tls.context().getDefaultSSLParameters();
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", defaults.getProtocols()));
        properties.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", defaults.getCipherSuites()));
        properties.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", Integer.toString(READ_TIMEOUT_MILLIS));
        // The listener asks no TLS client for a certificate: a call server reaches the phone over
        // the connection the phone opened, and never as a TLS client.
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        return properties;
    }

    /**
     * The UDP processor sets up its channel list on its own thread, and stopping the stack before
     * that throws; so the endpoint counts as open once that thread's reader runs.
     */
    private static void awaitUdpReader(StackThreads threads) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline
                && threads.live().stream().noneMatch(thread -> thread.getName().contains(UDP_READER_THREAD))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * The port this end listens on over the transport, which its Via and Contact name.
     * @throws IllegalStateException for TLS when the endpoint was opened without it
     */
    public int port(SipTransportKind transport) {
        if (transport != SipTransportKind.TLS) {
            return local.port();
        }
        return tls.orElseThrow(() -> new IllegalStateException("The SIP endpoint " + local + " has no TLS listener")).port();
    }

    /** Whether the endpoint has a TLS listener. */
    public boolean hasTls() {
        return tls.isPresent();
    }

    /**
     * Sends an RFC 5626 ping (CRLFCRLF) on the TCP or TLS connection to the server, opening it if
     * none is open; the server answers with a pong (CRLF). See {@link #open(HostPort, SipListener,
     * int, int, Optional)} for what happens when none comes back.
     *
     * @throws IOException when the connection cannot be opened or written to
     * @throws IllegalArgumentException for UDP, which has no connection to keep alive
     */
    public void ping(SipTransportKind transport, InetSocketAddress server) throws IOException {
        if (transport == SipTransportKind.UDP) {
            throw new IllegalArgumentException("UDP has no connection to ping");
        }
        ListeningPoint point = provider.getListeningPoint(transport.protocol());
        if (point == null) {
            throw new IOException("the endpoint " + local + " does not speak " + transport);
        }
        ((ListeningPointExt) point).sendHeartbeat(server.getAddress().getHostAddress(), server.getPort());
    }

    /**
     * Why the TLS connection the request went on was closed, when it is known: the call server asked
     * for a client certificate and this end has none.
     */
    public Optional<String> tlsRefusal(ClientTransaction transaction) {
        return tls.filter(settings -> transaction instanceof SIPClientTransaction sent
                && settings.certificate().missingFor(sent.getPeerAddress(), sent.getPeerPort()))
                .map(settings -> "the call server asks for a TLS client certificate, and the phone has none (tls.keystore)");
    }

    private static boolean isTo(SIPClientTransaction transaction, InetSocketAddress server) {
        return ListeningPoint.TLS.equalsIgnoreCase(transaction.getPeerProtocol()) && transaction.getPeerPort() == server.getPort()
                && server.getAddress().getHostAddress().equals(transaction.getPeerAddress());
    }

    /** The host names this endpoint may send to, each at the address DNS gave for it. */
    public LocatedHosts located() {
        return located;
    }

    /** UDP datagrams dropped unread because the intake was full, since the endpoint opened (0 with an unbounded intake). */
    public long datagramsDropped() {
        return udpIntake.map(BoundedUdpIntake::dropped).orElse(0L);
    }

    /**
     * From now on, a new INVITE that arrives over UDP while {@code refusal} says so is answered with
     * 503 as it is read, before the stack parses it ({@link EarlyRefusal}); over TCP and TLS, or
     * with an unbounded intake, the listener still decides.
     */
    public void refuseNewCallsEarly(EarlyRefusal refusal) {
        udpIntake.ifPresent(intake -> intake.refuseEarly(refusal));
    }

    /**
     * From now on, the final answer to a BYE that came over UDP ({@link #respondToBye}) is kept in
     * {@code answers}, and a BYE sent again is answered from there as its datagram is read; with
     * an unbounded intake, nothing changes.
     */
    public void answerByesAgainFrom(AnsweredByes answers) {
        udpIntake.ifPresent(intake -> intake.answerByesAgain(answers));
    }

    /**
     * Sends the final response to a BYE. Over UDP, once {@link #answerByesAgainFrom} was called,
     * it goes out as bytes, what it says is kept for the BYE's retransmissions, and the transaction, with the dialog
     * a 2xx ends, is let go at once: the stack would keep them for Timer J (32 s) to answer those
     * retransmissions itself. Otherwise, and for a BYE that did not arrive in a datagram (the
     * stack's own, routed to itself), the transaction sends it as usual.
     */
    public void respondToBye(ServerTransaction transaction, Response response) throws SipException, InvalidArgumentException {
        AnsweredByes answers = udpIntake.map(BoundedUdpIntake::answeredByes).orElse(null);
        SIPRequest bye = (SIPRequest) transaction.getRequest();
        InetAddress source = bye.getPeerPacketSourceAddress();
        String branch = bye.getTopmostVia() == null ? null : bye.getTopmostVia().getBranch();
        if (answers == null || source == null || branch == null
                || !ListeningPoint.UDP.equalsIgnoreCase(((SIPServerTransaction) transaction).getTransport())) {
            transaction.sendResponse(response);
            return;
        }
        InetSocketAddress peer = new InetSocketAddress(source, bye.getPeerPacketSourcePort());
        byte[] datagram = ((SIPResponse) response).encodeAsBytes(ListeningPoint.UDP);
        // Kept, and the transaction let go, before the answer goes: a retransmission that crosses it
        // finds the answer kept, and a new request of the same branch a stack without the transaction.
        answers.remember(branch, bye.getCallId().getCallId(), bye.getCSeq().getSeqNumber(), peer, response.getStatusCode(),
                response.getReasonPhrase(), bye.getToTag() == null ? ((SIPResponse) response).getToTag() : null);
        Dialog dialog = transaction.getDialog();
        if (dialog != null && response.getStatusCode() / 100 == 2) {
            dialog.delete();
        }
        try {
            transaction.terminate();
        } catch (ObjectInUseException e) {
            // The stack ended it meanwhile: nothing is left to let go.
        }
        try {
            udpIntake.get().send(datagram, peer);
        } catch (IOException e) {
            throw new SipException("The answer to a BYE from " + peer + " could not be sent: " + e.getMessage(), e);
        }
    }

    /** UDP datagrams waiting for the stack's thread now (0 with an unbounded intake, which does not count them). */
    public int datagramsWaiting() {
        return udpIntake.map(BoundedUdpIntake::waiting).orElse(0);
    }

    public SipProvider provider() {
        return provider;
    }

    /**
     * Drops what arrives from now on and lets the stack's message reader finish the message it
     * handles, then stops the stack: stopping interrupts the reader, and a message interrupted
     * half handled makes JAIN-SIP print a stack trace.
     */
    @Override
    public void close() {
        valve.close();
        List<Thread> readers = threads.live().stream().filter(thread -> thread.getName().contains(UDP_READER_THREAD)).toList();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READER_FINISH_MILLIS);
        // Between messages the reader waits on its queue.
        while (System.nanoTime() < deadline && !readers.stream().allMatch(thread -> !thread.isAlive()
                || thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        stop(stack, threads, connections);
    }

    /** TCP connections peers have open to the endpoint now. */
    int tcpConnections() {
        return connections.count();
    }

    private static void stop(SipStackImpl stack, StackThreads threads, TcpConnections connections) {
        connections.stop();
        boolean interruptedBefore = Thread.interrupted();
        // stop() closes the sockets, then sleeps a fixed second for its readers to notice; they end
        // on their own, and an interrupt (which stop() swallows) skips that second of every stop.
        Thread.currentThread().interrupt();
        try {
            stack.stop();
        } finally {
            Thread.interrupted();
        }
        // stop() leaves the event scanner parked on its queue, a non-daemon thread, and the group's
        // other threads end once their sockets are closed: each is woken, then awaited.
        List<Thread> left = threads.live().stream().filter(thread -> thread != Thread.currentThread()).toList();
        left.forEach(Thread::interrupt);
        try {
            for (Thread thread : left) {
                thread.join(2000);
            }
        } catch (InterruptedException e) {
            interruptedBefore = true;
        }
        if (interruptedBefore) {
            Thread.currentThread().interrupt();
        }
    }
}
