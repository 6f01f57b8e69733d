package io.vtgoconnect.sipstack;

import java.io.ByteArrayOutputStream;
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
    private static final byte[] RPORT = ";rport".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_LINE = "SIP/2.0 503 Service Unavailable\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final BooleanSupplier overloaded;
    private final byte[] tail;

    /** @param overloaded asked for each new INVITE that arrives; true: refuse it */
    public EarlyRefusal(BooleanSupplier overloaded, int retryAfterSeconds) {
        this.overloaded = overloaded;
        this.tail = ("Retry-After: " + retryAfterSeconds + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
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

    /** The 503: the request's Via lines (the top one's empty rport filled in, RFC 3581), From, To with our tag, Call-ID and CSeq. */
    private byte[] refusal(byte[] data, PlainHeaderLines lines, DatagramPacket read) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(STATUS_LINE.length + (lines.toEnd - lines.to) * 8 + tail.length);
        out.writeBytes(STATUS_LINE);
        for (int i = 0; i < lines.vias; i++) {
            int from = lines.via[2 * i];
            int to = lines.via[2 * i + 1];
            int rport = i == 0 ? emptyRport(data, from, to) : -1;
            if (rport < 0) {
                out.write(data, from, to - from);
            } else {
                out.write(data, from, rport - from);
                out.writeBytes((";received=" + read.getAddress().getHostAddress() + ";rport=" + read.getPort())
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(data, rport + RPORT.length, to - rport - RPORT.length);
            }
            out.writeBytes(CRLF);
        }
        line(out, data, lines.from, lines.fromEnd);
        out.write(data, lines.to, lines.toEnd - lines.to);
        // The same tag for each retransmission of the INVITE: from its top Via (its branch) and Call-ID.
        int hash = hash(hash(17, data, lines.via[0], lines.via[1]), data, lines.callId, lines.callIdEnd);
        out.writeBytes((";tag=" + TAG_PREFIX + Integer.toHexString(hash) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        line(out, data, lines.callId, lines.callIdEnd);
        line(out, data, lines.cseq, lines.cseqEnd);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, byte[] data, int from, int to) {
        out.write(data, from, to - from);
        out.writeBytes(CRLF);
    }

    /** Where ";rport" with no value stands in the line, or -1. */
    private static int emptyRport(byte[] data, int from, int to) {
        int at = PlainHeaderLines.indexOf(data, from, to, RPORT, true);
        if (at < 0) {
            return -1;
        }
        int after = at + RPORT.length;
        return after == to || data[after] == ';' || data[after] == ',' || data[after] == ' ' ? at : -1;
    }

    private static int hash(int seed, byte[] data, int from, int to) {
        int hash = seed;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + data[i];
        }
        return hash;
    }
}
