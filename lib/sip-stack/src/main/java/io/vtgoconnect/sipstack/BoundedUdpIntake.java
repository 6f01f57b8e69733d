package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ListeningPoint;

/**
 * The SIP stack's message processors, with a UDP intake of bounded size. The stock UDP reader
 * allocates a buffer of the largest message (64 KiB) for every datagram and queues each for the
 * stack's thread without limit: under a flood faster than that thread, the heap fills until the
 * reader dies of OutOfMemoryError. Here the reader reads every datagram into one buffer of its own
 * and at most {@code maxWaiting} datagrams wait, each copied out at its own length; past that a
 * datagram is dropped as it is read (counted, never copied nor parsed), as a full socket buffer
 * drops it, and its sender retransmits. Requests that start something new (an INVITE, a
 * REGISTER, an OPTIONS) are dropped already once three quarters of the room is taken, so that
 * the responses and in-dialog requests of calls in progress still get in. While the server is
 * overloaded, the reader refuses new calls itself before they wait ({@link EarlyRefusal}), and it
 * answers a BYE sent again from the answer kept for it ({@link AnsweredByes}).
 * TCP and TLS keep the stock processors.
 */
public final class BoundedUdpIntake implements MessageProcessorFactory {
    /** First words of what may still come in when only the last quarter of the room is left: responses, in-dialog requests. */
    private static final Set<String> IN_PROGRESS = Set.of("SIP", "ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO",
            "NOTIFY", "REFER");
    private static final int LONGEST_START = 8;
    /** The fewest datagrams an intake lets wait: with fewer, the last quarter kept for calls in progress would be empty. */
    public static final int FEWEST_WAITING = 4;
    private static final System.Logger LOG = System.getLogger("io.vtgoconnect.transport.sip.stack");

    private final OIOMessageProcessorFactory stock = new OIOMessageProcessorFactory();
    private final int maxWaiting;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Reader reader;
    private volatile EarlyRefusal earlyRefusal;
    private volatile AnsweredByes answeredByes;

    /** @param maxWaiting datagrams waiting for the stack's thread at most (at least {@link #FEWEST_WAITING}) */
    public BoundedUdpIntake(int maxWaiting) {
        if (maxWaiting < FEWEST_WAITING) {
            throw new IllegalArgumentException("At least " + FEWEST_WAITING + " datagrams must be let wait, not " + maxWaiting);
        }
        this.maxWaiting = maxWaiting;
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        if (!transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            return stock.createMessageProcessor(stack, address, port, transport);
        }
        Reader created = new Reader(address, stack, port, new Intake());
        sendFromTheListeningSocket(stack);
        reader = created;
        return created;
    }

    /** Whether a message whose first word (a method, or "SIP" for a response) is this belongs to something under way. */
    static boolean inProgress(String firstWord) {
        return IN_PROGRESS.contains(firstWord);
    }

    /** From now on, new calls are refused (and the ACKs of their 503s dropped) as they are read, while it says so. */
    void refuseEarly(EarlyRefusal refusal) {
        this.earlyRefusal = refusal;
    }

    /** From now on, a BYE sent again is answered as it is read when {@code answers} holds its answer. */
    void answerByesAgain(AnsweredByes answers) {
        this.answeredByes = answers;
    }

    /** What answers BYEs sent again, once told. */
    AnsweredByes answeredByes() {
        return answeredByes;
    }

    /** Sends the datagram from the listening socket, as the stack sends over UDP. */
    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        Reader current = reader;
        if (current == null) {
            throw new IOException("SIP over UDP is not listening");
        }
        current.send(new DatagramPacket(datagram, datagram.length, to));
    }

    /** Datagrams dropped unread since the endpoint opened. */
    public long dropped() {
        return dropped.get();
    }

    /** Datagrams waiting for the stack's thread now. */
    public int waiting() {
        Reader current = reader;
        return current == null ? 0 : current.intake.size();
    }

    /**
     * The stock factory also tells the stack to send over UDP from the listening socket; without
     * that, each message would leave from a new socket on a port of its own, to which peers that
     * answer the source (rport, symmetric responses) would send what then never arrives.
     * The flag is package-private in the stack: set here as the stock factory sets it.
     */
    private static void sendFromTheListeningSocket(SIPTransactionStack stack) throws IOException {
        try {
            Field flag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            flag.setAccessible(true);
            flag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("The SIP stack cannot be told to send from its UDP listening socket: " + e, e);
        }
    }

    /**
     * The stock UDP processor, but for its reading loop: the stock loop allocates a buffer of the
     * largest message for each datagram it reads, this one reads every datagram into the same one.
     */
    private static final class Reader extends UDPMessageProcessor {
        /** The stock loop reports the first ten failures to read and then goes quiet; so does this one. */
        private static final int FAILURES_REPORTED = 10;
        private static final String CHANNEL_THREAD = "-UDPMessageChannelThread-0";

        final Intake intake;
        private int failuresReported;

        Reader(InetAddress address, SIPTransactionStack stack, int port, Intake intake) throws IOException {
            super(address, stack, port);
            this.intake = intake;
            messageQueue = intake;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void run() {
            // The one thread that takes the datagrams from the intake, in order, and hands them to the
            // stack (the endpoint's THREAD_POOL_SIZE), started as the stock loop starts it.
            messageChannels = new LinkedList<>();
            messageChannels.add(new UDPMessageChannel(sipStack, this, ((SipStackImpl) sipStack).getStackName() + CHANNEL_THREAD) {
            });
            byte[] buffer = new byte[getMaximumMessageSize()];
            DatagramPacket read = new DatagramPacket(buffer, buffer.length);
            while (isRunning) {
                try {
                    read.setLength(buffer.length);
                    sock.receive(read);
                    if (!intake.answeredHere(read, sock)) {
                        intake.admit(read);
                    }
                } catch (SocketTimeoutException noDatagram) {
                    // Read again.
                } catch (IOException | RuntimeException e) {
                    if (!isRunning) {
                        return;
                    }
                    failedToRead(e);
                }
            }
        }

        void send(DatagramPacket datagram) throws IOException {
            sock.send(datagram);
        }

        private void failedToRead(Exception e) {
            if (failuresReported < FAILURES_REPORTED) {
                failuresReported++;
                LOG.log(System.Logger.Level.WARNING, "SIP over UDP on " + getIpAddress().getHostAddress() + ":" + getPort()
                        + " could not read a datagram: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + (failuresReported == FAILURES_REPORTED ? " (further failures are not logged)" : ""));
            }
        }
    }

    /** The datagrams waiting for the stack's thread, which takes them from here. */
    private final class Intake extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        private static final long serialVersionUID = 1L;

        Intake() {
            super(maxWaiting);
        }

        /** Whether the datagram just read was answered (or dropped) as it was read: a BYE sent again, or a new call refused. */
        boolean answeredHere(DatagramPacket read, DatagramSocket socket) throws IOException {
            AnsweredByes byes = answeredByes;
            EarlyRefusal early = earlyRefusal;
            return byes != null && byes.handled(read, socket) || early != null && early.handled(read, socket);
        }

        /** Queues a copy of the datagram just read, at its own length, if there is room for it; counts it dropped otherwise. */
        void admit(DatagramPacket read) {
            int waitingNow = size();
            if (waitingNow >= maxWaiting || waitingNow >= maxWaiting - maxWaiting / 4 && !inProgress(read)) {
                dropped.incrementAndGet();
                return;
            }
            byte[] message = Arrays.copyOfRange(read.getData(), read.getOffset(), read.getOffset() + read.getLength());
            DatagramPacket copy = new DatagramPacket(message, message.length, read.getSocketAddress());
            if (!offer(new DatagramQueuedMessageDispatch(copy, System.currentTimeMillis()))) {
                dropped.incrementAndGet();
            }
        }

        /** A response ("SIP/2.0 ..."), or a request of a transaction or dialog already under way, by its first word. */
        private static boolean inProgress(DatagramPacket read) {
            byte[] data = read.getData();
            int start = read.getOffset();
            int end = Math.min(start + read.getLength(), start + LONGEST_START);
            int space = start;
            while (space < end && data[space] != ' ' && data[space] != '/') {
                space++;
            }
            return BoundedUdpIntake.inProgress(new String(data, start, space - start, StandardCharsets.US_ASCII));
        }
    }
}
