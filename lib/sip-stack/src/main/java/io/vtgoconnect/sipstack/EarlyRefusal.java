package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * New calls refused as their datagram is read, before the stack parses it: while the server says
 * it is overloaded, a new INVITE (no To tag) is answered with 503 and Retry-After built from its
 * raw header lines, statelessly (RFC 3261 8.2.6.2), and the ACK of such a 503 is dropped. Parsing
 * an INVITE and making its transaction cost the stack's one reading thread several times what
 * this costs, thread time that the calls already admitted need. A datagram this cannot read
 * plainly (folded or repeated headers, one missing) goes on to the stack, which refuses it the
 * slow way. A new INVITE passed on to the stack is remembered for {@link #PASSED_KEPT_NANOS}, and
 * its retransmissions are passed on too, never refused here: its transaction answers them (or will,
 * once the stack reads the INVITE), where a 503 would end at the caller a call that the server is
 * placing. Used on the UDP intake's reading thread only.
 */
public final class EarlyRefusal {
    /** Starts the To tag of every 503 sent for overload: the ACKs that come back for them are dropped as they arrive. */
    public static final String TAG_PREFIX = "overload-";
    private static final byte[] INVITE = "INVITE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACK = "ACK ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OUR_TAG = (";tag=" + TAG_PREFIX).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG = "tag".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_LINE = "SIP/2.0 503 Service Unavailable\r\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * How long a new INVITE passed on is remembered: its caller sends it again 0.5, 1.5 and 3.5 s
     * after it (Timer A, RFC 3261 17.1.1.2) until the transaction's 100 Trying reaches it. One sent
     * again later than that, with no answer yet, was likely dropped unread, and is a new call again.
     */
    static final long PASSED_KEPT_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** New INVITEs remembered at most, the oldest let go first: 2,048 a second for {@link #PASSED_KEPT_NANOS}. */
    static final int MOST_PASSED = 8192;

    private final BooleanSupplier overloaded;
    /** The Retry-After line of each 503. */
    private final byte[] retryAfter;
    private final LongSupplier nanoClock;
    /** The new INVITEs passed on, by their key ({@link #key}). */
    private final AgingMap<Long, Boolean> passed = new AgingMap<>(MOST_PASSED, PASSED_KEPT_NANOS);

    /** @param overloaded asked for each new INVITE that arrives, unless it is one passed on before, sent again; true: refuse it */
    public EarlyRefusal(BooleanSupplier overloaded, int retryAfterSeconds) {
        this(overloaded, retryAfterSeconds, System::nanoTime);
    }

    EarlyRefusal(BooleanSupplier overloaded, int retryAfterSeconds, LongSupplier nanoClock) {
        this.overloaded = overloaded;
        this.retryAfter = ("Retry-After: " + retryAfterSeconds + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.nanoClock = nanoClock;
    }

    /**
     * Whether the datagram just read was taken care of here: a new INVITE answered with 503 from
     * {@code socket} while overloaded, or the ACK of such a 503 dropped. False: the stack reads it.
     */
    boolean handled(DatagramPacket read, DatagramSocket socket) throws IOException {
        byte[] data = read.getData();
        int start = read.getOffset();
        int end = start + read.getLength();
        boolean invite = PlainHeaderLines.startsWith(data, start, end, INVITE);
        if (!invite && !PlainHeaderLines.startsWith(data, start, end, ACK)) {
            return false;
        }
        PlainHeaderLines lines = PlainHeaderLines.of(data, start, end);
        if (lines == null) {
            return false;
        }
        if (!invite) {
            return PlainHeaderLines.indexOf(data, lines.to, lines.toEnd, OUR_TAG, false) >= 0;
        }
        // "tag" anywhere in the To line: maybe in a dialog, which only the stack can tell.
        if (PlainHeaderLines.indexOf(data, lines.to, lines.toEnd, TAG, true) >= 0) {
            return false;
        }
        long key = key(data, lines);
        long now = nanoClock.getAsLong();
        if (passed.get(key, now) != null) {
            return false;
        }
        if (!overloaded.getAsBoolean()) {
            passed.put(key, Boolean.TRUE, now);
            return false;
        }
        byte[] answer = refusal(key, lines, read);
        socket.send(new DatagramPacket(answer, answer.length, read.getSocketAddress()));
        return true;
    }

    /** New INVITEs remembered now as passed on (those past their time included until the next is remembered). */
    int passedRemembered() {
        return passed.size();
    }

    /** An INVITE's key, the same for each retransmission of it: its top Via (its branch) and Call-ID lines, hashed two ways. */
    private static long key(byte[] data, PlainHeaderLines lines) {
        int viaFirst = hash(hash(17, data, lines.via[0], lines.via[1]), data, lines.callId, lines.callIdEnd);
        int callIdFirst = hash(hash(31, data, lines.callId, lines.callIdEnd), data, lines.via[0], lines.via[1]);
        return (long) viaFirst << 32 | callIdFirst & 0xffffffffL;
    }

    /** The 503, with our To tag, the same for each retransmission of the INVITE: from its key (its top Via's branch and Call-ID). */
    private byte[] refusal(long key, PlainHeaderLines lines, DatagramPacket read) {
        return StatelessAnswer.of(STATUS_LINE, read, lines, TAG_PREFIX + Integer.toHexString((int) (key >>> 32)), retryAfter);
    }

    private static int hash(int seed, byte[] data, int from, int to) {
        int hash = seed;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + data[i];
        }
        return hash;
    }
}
