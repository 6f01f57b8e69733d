package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ListeningPoint;

/**
 * The SIP stack's message processors, with a UDP intake of bounded size. The stock UDP reader
 * queues every datagram for the stack's thread, each in a buffer of the largest message (64 KiB),
 * without limit: under a flood faster than that thread, the heap fills until the reader dies of
 * OutOfMemoryError. Here at most {@code maxWaiting} datagrams wait, each held at its own length;
 * past that a datagram is dropped as it is read (counted, never parsed), as a full socket buffer
 * drops it, and its sender retransmits. Requests that start something new (an INVITE, a
 * REGISTER, an OPTIONS) are dropped already once three quarters of the room is taken, so that
 * the responses and in-dialog requests of calls in progress still get in.
 * TCP and TLS keep the stock processors.
 */
public final class BoundedUdpIntake implements MessageProcessorFactory {
    /** First words of what may still come in when only the last quarter of the room is left: responses, in-dialog requests. */
    private static final Set<String> IN_PROGRESS = Set.of("SIP", "ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO",
            "NOTIFY", "REFER");
    private static final int LONGEST_START = 8;

    private final OIOMessageProcessorFactory stock = new OIOMessageProcessorFactory();
    private final int maxWaiting;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Intake intake;

    /** @param maxWaiting datagrams waiting for the stack's thread at most (at least 4) */
    public BoundedUdpIntake(int maxWaiting) {
        if (maxWaiting < 4) {
            throw new IllegalArgumentException("At least 4 datagrams must be let wait, not " + maxWaiting);
        }
        this.maxWaiting = maxWaiting;
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        if (!transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            return stock.createMessageProcessor(stack, address, port, transport);
        }
        Reader reader = new Reader(address, stack, port, new Intake());
        sendFromTheListeningSocket(stack);
        intake = reader.intake;
        return reader;
    }

    /** Datagrams dropped unread since the endpoint opened. */
    public long dropped() {
        return dropped.get();
    }

    /** Datagrams waiting for the stack's thread now. */
    public int waiting() {
        Intake current = intake;
        return current == null ? 0 : current.size();
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

    /** The stock UDP processor, reading and handing on as before, into the bounded intake. */
    private static final class Reader extends UDPMessageProcessor {
        final Intake intake;

        Reader(InetAddress address, SIPTransactionStack stack, int port, Intake intake) throws IOException {
            super(address, stack, port);
            this.intake = intake;
            messageQueue = intake;
        }
    }

    /** The queue the stock reader offers each datagram to (ignoring a refusal) and the stack's thread takes from. */
    private final class Intake extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        private static final long serialVersionUID = 1L;

        Intake() {
            super(maxWaiting);
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch dispatch) {
            DatagramPacket read = dispatch.packet;
            int waitingNow = size();
            if (waitingNow >= maxWaiting || waitingNow >= maxWaiting - maxWaiting / 4 && !inProgress(read)) {
                dropped.incrementAndGet();
                return false;
            }
            byte[] message = Arrays.copyOfRange(read.getData(), read.getOffset(), read.getOffset() + read.getLength());
            dispatch.packet = new DatagramPacket(message, message.length, read.getSocketAddress());
            if (super.offer(dispatch)) {
                return true;
            }
            dropped.incrementAndGet();
            return false;
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
            String first = new String(data, start, space - start, StandardCharsets.US_ASCII);
            return IN_PROGRESS.contains(first);
        }
    }
}
