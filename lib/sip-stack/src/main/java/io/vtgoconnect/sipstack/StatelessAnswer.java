package io.vtgoconnect.sipstack;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;

/**
 * A response built from a request's raw header lines ({@link PlainHeaderLines}), without parsing
 * it, as a stateless server answers (RFC 3261 8.2.6): the status line, the request's Via lines
 * (the top one's empty rport filled in, RFC 3581), From, To (with a tag added when given), Call-ID
 * and CSeq, and no body. Used on the UDP intake's reading thread ({@link EarlyRefusal},
 * {@link AnsweredByes}).
 */
final class StatelessAnswer {
    private static final byte[] RPORT = ";rport".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NO_BODY = "Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private StatelessAnswer() {
    }

    /**
     * The answer to the request just read, whose lines are {@code lines}: {@code statusLine} (with
     * its CRLF), {@code toTag} added to its To line unless null, and {@code moreHeaders} (whole lines,
     * with their CRLFs; none if empty) before its Content-Length.
     */
    static byte[] of(byte[] statusLine, DatagramPacket read, PlainHeaderLines lines, String toTag, byte[] moreHeaders) {
        byte[] data = read.getData();
        ByteArrayOutputStream out = new ByteArrayOutputStream(statusLine.length + (lines.toEnd - lines.to) * 8
                + moreHeaders.length + NO_BODY.length);
        out.writeBytes(statusLine);
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
        if (toTag != null) {
            out.writeBytes((";tag=" + toTag).getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(CRLF);
        line(out, data, lines.callId, lines.callIdEnd);
        line(out, data, lines.cseq, lines.cseqEnd);
        out.writeBytes(moreHeaders);
        out.writeBytes(NO_BODY);
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
}
