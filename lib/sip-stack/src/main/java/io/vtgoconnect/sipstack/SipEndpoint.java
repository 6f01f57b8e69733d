package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * A running JAIN-SIP stack listening on one address over UDP and TCP, and its factories. Closing
 * it releases the ports and every thread the stack started.
 */
public final class SipEndpoint implements AutoCloseable {
    private static final AtomicInteger STACK_NUMBER = new AtomicInteger();
    private static final String EVENT_SCANNER_THREAD = "EventScannerThread";
    private static final String UDP_READER_THREAD = "UDPMessageChannelThread";
    /** Threads are told apart by name, so two stacks must not start at once. */
    private static final Object STARTING = new Object();
    /** How long closing waits for the stack's readers, first to finish a message, then to end. */
    private static final long READERS_WAIT_MILLIS = 1000;

    public final AddressFactory addresses = new AddressFactoryImpl();
    public final HeaderFactory headers = new HeaderFactoryImpl();
    public final MessageFactory messages = new MessageFactoryImpl();
    public final HostPort local;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final List<Thread> eventScanners;
    private final ClosingValve valve;

    private SipEndpoint(HostPort local, SipStackImpl stack, SipProvider provider, List<Thread> eventScanners,
            ClosingValve valve) {
        this.local = local;
        this.stack = stack;
        this.provider = provider;
        this.eventScanners = eventScanners;
        this.valve = valve;
    }

    /** Binds the stack to the address; on failure nothing is left running. */
    public static SipEndpoint open(HostPort local, SipListener listener) throws SipException {
        synchronized (STARTING) {
            Set<Thread> scannersBefore = eventScannerThreads();
            Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
            SipStackImpl stack = new SipStackImpl(properties());
            stack.setAddressResolver(new LiteralAddressResolver());
            stack.sipEventInterceptor = new SymmetricResponses();
            ClosingValve valve = new ClosingValve();
            if (stack.sipMessageValves == null) {
                stack.sipMessageValves = new ArrayList<>();
            }
            stack.sipMessageValves.add(valve);
            try {
                ListeningPoint udp = stack.createListeningPoint(local.host(), local.port(), ListeningPoint.UDP);
                ListeningPoint tcp = stack.createListeningPoint(local.host(), local.port(), ListeningPoint.TCP);
                SipProvider provider = stack.createSipProvider(udp);
                provider.addListeningPoint(tcp);
                provider.addSipListener(listener);
                provider.setAutomaticDialogSupportEnabled(false);
                stack.start();
                awaitUdpReader(threadsBefore);
                List<Thread> scanners = new ArrayList<>(eventScannerThreads());
                scanners.removeAll(scannersBefore);
                return new SipEndpoint(local, stack, provider, scanners, valve);
            } catch (SipException | InvalidArgumentException | TooManyListenersException | RuntimeException e) {
                stop(stack, eventScannerThreads().stream().filter(t -> !scannersBefore.contains(t)).toList());
                throw e instanceof SipException sip ? sip : new SipException(e.getMessage(), e);
            }
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "vtgo-sip-" + STACK_NUMBER.incrementAndGet());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", StackLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "WARN");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // A dropped TCP connection to the call server is reopened on the next request.
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // One thread reads incoming messages, so a 180 and the 200 right behind it stay in order.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        // A call server's NOTIFYs outside a subscription (message waiting, RFC 3842; check-sync) are dropped
        // unless asked for, and get a server transaction so that they can be answered.
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        return properties;
    }

    /**
     * The UDP processor sets up its channel list on its own thread, and stopping the stack before
     * that throws; so the endpoint counts as open once that thread's reader runs.
     */
    private static void awaitUdpReader(Set<Thread> threadsBefore) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> !threadsBefore.contains(thread) && thread.getName().contains(UDP_READER_THREAD))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static Set<Thread> eventScannerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(EVENT_SCANNER_THREAD)).collect(Collectors.toSet());
    }

    public SipProvider provider() {
        return provider;
    }

    /**
     * Drops what arrives from now on, lets the stack's readers finish what they handle, stops the
     * stack and waits for its readers to end, so that none runs once the endpoint's owner is gone
     * (a stopped bundle's classes can no longer be loaded).
     */
    @Override
    public void close() {
        valve.close();
        List<Thread> readers = readers();
        // A channel thread waits on its queue between messages; the processors block reading their sockets.
        awaitAll(readers.stream().filter(thread -> thread.getName().contains(UDP_READER_THREAD)).toList(),
                thread -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING
                        || !thread.isAlive());
        stop(stack, eventScanners);
        awaitAll(readers, thread -> !thread.isAlive());
    }

    /** The stack's threads that read messages: its processors on this address, and its UDP channels. */
    private List<Thread> readers() {
        String ownName = stack.getStackName() + "-";
        String address = local.host() + "/" + local.port();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(ownName) || thread.getName().endsWith(address)).toList();
    }

    private static void awaitAll(List<Thread> threads, Predicate<Thread> done) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READERS_WAIT_MILLIS);
        while (System.nanoTime() < deadline && !threads.stream().allMatch(done)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void stop(SipStackImpl stack, List<Thread> eventScanners) {
        boolean interruptedBefore = Thread.interrupted();
        // stop() closes the sockets, then sleeps a fixed second for its readers to notice; they end
        // on their own, and an interrupt (which stop() swallows) skips that second of every stop.
        Thread.currentThread().interrupt();
        try {
            stack.stop();
        } finally {
            Thread.interrupted();
        }
        // stop() leaves the event scanner parked on its queue, a non-daemon thread.
        eventScanners.forEach(Thread::interrupt);
        try {
            for (Thread scanner : eventScanners) {
                scanner.join(2000);
            }
        } catch (InterruptedException e) {
            interruptedBefore = true;
        }
        if (interruptedBefore) {
            Thread.currentThread().interrupt();
        }
    }
}
