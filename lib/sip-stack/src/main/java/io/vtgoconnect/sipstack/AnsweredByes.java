package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The final answers sent to BYEs that came over UDP, so that a BYE sent again gets the same answer
 * as it is read, as its server transaction would have answered it until Timer J (RFC 3261 17.2.2:
 * 64*T1, 32 s). A JAIN-SIP transaction kept for that held its messages, its dialog and its timer,
 * about 3 KB for each call ended, 32 s long; an answer here holds its status, its key and where it
 * went (about 0.2 KB), and is built again from the BYE sent again, as a stateless server builds
 * one ({@link StatelessAnswer}): the same status, Vias, From, To, Call-ID and CSeq. Keeping the
 * bytes sent as well held about 0.3 KB more an answer, 6 MB at 20,000. At most
 * {@code capacity} answers are kept, each for Timer J, the oldest let go first when full: a BYE
 * sent again after that reaches the stack as a new request and gets 481, which ends the call at
 * its sender all the same. A BYE is matched by its top Via's branch, Call-ID and CSeq number read
 * plainly from its datagram ({@link PlainHeaderLines}; one that cannot be read so goes on to the
 * stack), and only when it comes from the address and port the answer went to. Answers are kept
 * by whichever thread answers, and looked up on the UDP intake's reading thread.
 */
public final class AnsweredByes {
    /** How long an answer is kept: Timer J over UDP, 64 times T1 of 500 ms. */
    public static final long KEPT_NANOS = TimeUnit.MILLISECONDS.toNanos(64 * 500);
    private static final byte[] BYE = "BYE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BRANCH = ";branch=".getBytes(StandardCharsets.US_ASCII);
    /** Digits of the largest CSeq number (2^31 - 1, RFC 3261 8.1.1.5). */
    private static final int MOST_CSEQ_DIGITS = 10;
    private static final byte[] NO_MORE_HEADERS = {};

    private final LongSupplier nanoClock;
    private final AgingMap<String, Answer> answers;

    /** @param capacity answers kept at most (at least 1) */
    public AnsweredByes(int capacity) {
        this(capacity, System::nanoTime);
    }

    AnsweredByes(int capacity, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("At least one answer must be kept, not " + capacity);
        }
        this.answers = new AgingMap<>(capacity, KEPT_NANOS);
        this.nanoClock = nanoClock;
    }

    /** An answer sent: its status and reason, and the To tag it added to the BYE's (null if none). */
    private record Answer(InetSocketAddress peer, int status, String reason, String addedToTag) {
    }

    /**
     * Keeps the answer sent to {@code peer} for the BYE of this top Via branch, Call-ID and CSeq
     * number: its status and reason phrase, and the To tag it added (null if it added none).
     */
    void remember(String branch, String callId, long cseq, InetSocketAddress peer, int status, String reason, String addedToTag) {
        String key = key(branch, callId, cseq);
        long now = nanoClock.getAsLong();
        synchronized (answers) {
            answers.put(key, new Answer(peer, status, reason, addedToTag), now);
        }
    }

    /**
     * Whether the datagram just read is a BYE answered before, sent again from where the answer
     * went: then the same answer goes back from {@code socket}. False: the stack reads it.
     */
    boolean handled(DatagramPacket read, DatagramSocket socket) throws IOException {
        byte[] answer = answerFor(read);
        if (answer == null) {
            return false;
        }
        socket.send(new DatagramPacket(answer, answer.length, read.getSocketAddress()));
        return true;
    }

    /** The answer to the BYE just read, if it is one sent again from where its answer went, built again; null otherwise. */
    byte[] answerFor(DatagramPacket read) {
        byte[] data = read.getData();
        int start = read.getOffset();
        int end = start + read.getLength();
        if (!PlainHeaderLines.startsWith(data, start, end, BYE)) {
            return null;
        }
        PlainHeaderLines lines = PlainHeaderLines.of(data, start, end);
        String key = lines == null ? null : key(data, lines);
        if (key == null) {
            return null;
        }
        long now = nanoClock.getAsLong();
        Answer answer;
        synchronized (answers) {
            answer = answers.get(key, now);
        }
        if (answer == null || !answer.peer.equals(read.getSocketAddress())) {
            return null;
        }
        byte[] statusLine = ("SIP/2.0 " + answer.status + " " + answer.reason + "\r\n").getBytes(StandardCharsets.UTF_8);
        return StatelessAnswer.of(statusLine, read, lines, answer.addedToTag, NO_MORE_HEADERS);
    }

    /** Answers kept now (those past Timer J included until the next one is kept). */
    public int size() {
        synchronized (answers) {
            return answers.size();
        }
    }

    private static String key(String branch, String callId, long cseq) {
        return branch + '\n' + cseq + '\n' + callId;
    }

    /** The key of the BYE whose lines are these; null if they do not give one. */
    private static String key(byte[] data, PlainHeaderLines lines) {
        String branch = branch(data, lines.via[0], lines.via[1]);
        long cseq = cseqNumber(data, valueStart(data, lines.cseq, lines.cseqEnd), lines.cseqEnd);
        int callId = valueStart(data, lines.callId, lines.callIdEnd);
        int callIdEnd = lines.callIdEnd;
        while (callIdEnd > callId && (data[callIdEnd - 1] == ' ' || data[callIdEnd - 1] == '\t')) {
            callIdEnd--;
        }
        if (branch == null || cseq < 0 || callIdEnd == callId) {
            return null;
        }
        return key(branch, new String(data, callId, callIdEnd - callId, StandardCharsets.UTF_8), cseq);
    }

    /** The branch of the first Via in the line (up to its first comma), or null if it names none. */
    private static String branch(byte[] data, int line, int lineEnd) {
        int firstEnd = valueStart(data, line, lineEnd);
        while (firstEnd < lineEnd && data[firstEnd] != ',') {
            firstEnd++;
        }
        int at = PlainHeaderLines.indexOf(data, line, firstEnd, BRANCH, true);
        if (at < 0) {
            return null;
        }
        int value = at + BRANCH.length;
        int valueEnd = value;
        while (valueEnd < firstEnd && data[valueEnd] != ';' && data[valueEnd] != ' ' && data[valueEnd] != '\t') {
            valueEnd++;
        }
        return valueEnd == value ? null : new String(data, value, valueEnd - value, StandardCharsets.UTF_8);
    }

    /** The number a CSeq value starts with, followed by white space; -1 if it has none or a longer one. */
    private static long cseqNumber(byte[] data, int from, int to) {
        long number = 0;
        int at = from;
        while (at < to && at - from < MOST_CSEQ_DIGITS && data[at] >= '0' && data[at] <= '9') {
            number = 10 * number + data[at] - '0';
            at++;
        }
        return at == from || at == to || data[at] != ' ' && data[at] != '\t' ? -1 : number;
    }

    /** Where the value of the header line starts: after its colon and the white space after it. */
    private static int valueStart(byte[] data, int line, int lineEnd) {
        int at = line;
        while (at < lineEnd && data[at] != ':') {
            at++;
        }
        at++;
        while (at < lineEnd && (data[at] == ' ' || data[at] == '\t')) {
            at++;
        }
        return Math.min(at, lineEnd);
    }
}
