package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * New calls refused as their datagram is read, before the stack parses it: while the server says
 * it is overloaded, a new INVITE (no To tag) is answered with 503 and Retry-After built from its
 * raw header lines, statelessly (RFC 3261 8.2.6.2), and the ACK of such a 503 is dropped. Parsing
 * an INVITE and making its transaction cost the stack's one reading thread several times what
 * this costs, thread time that the calls already admitted need. A datagram this cannot read
 * plainly (folded or repeated headers, one missing) goes on to the stack, which refuses it the
 * slow way. Used on the UDP intake's reading thread only.
 */
public final class EarlyRefusal {
    /** Starts the To tag of every 503 sent for overload: the ACKs that come back for them are dropped as they arrive. */
    public static final String TAG_PREFIX = "overload-";
    private static final byte[] INVITE = "INVITE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACK = "ACK ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OUR_TAG = (";tag=" + TAG_PREFIX).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG = "tag".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_LINE = "SIP/2.0 503 Service Unavailable\r\n".getBytes(StandardCharsets.US_ASCII);

    private final BooleanSupplier overloaded;
    /** The Retry-After line of each 503. */
    private final byte[] retryAfter;

    /** @param overloaded asked for each new INVITE that arrives; true: refuse it */
    public EarlyRefusal(BooleanSupplier overloaded, int retryAfterSeconds) {
        this.overloaded = overloaded;
        this.retryAfter = ("Retry-After: " + retryAfterSeconds + "\r\n").getBytes(StandardCharsets.US_ASCII);
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
        if (PlainHeaderLines.indexOf(data, lines.to, lines.toEnd, TAG, true) >= 0 || !overloaded.getAsBoolean()) {
            return false;
        }
        byte[] answer = refusal(data, lines, read);
        socket.send(new DatagramPacket(answer, answer.length, read.getSocketAddress()));
        return true;
    }

    /** The 503, with our To tag, the same for each retransmission of the INVITE: from its top Via (its branch) and Call-ID. */
    private byte[] refusal(byte[] data, PlainHeaderLines lines, DatagramPacket read) {
        int hash = hash(hash(17, data, lines.via[0], lines.via[1]), data, lines.callId, lines.callIdEnd);
        return StatelessAnswer.of(STATUS_LINE, read, lines, TAG_PREFIX + Integer.toHexString(hash), retryAfter);
    }

    private static int hash(int seed, byte[] data, int from, int to) {
        int hash = seed;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + data[i];
        }
        return hash;
    }
}
