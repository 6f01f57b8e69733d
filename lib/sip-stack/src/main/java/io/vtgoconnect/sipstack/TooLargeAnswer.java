package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.message.Request;

/**
 * The answer to a message too large to take: 413 for a body over the limit (RFC 3261 21.4.11),
 * 513 for a message over it (21.5.13). Only a request other than ACK is answered, and only when
 * the part of it that was read names what a response must copy (Via, From, To, Call-ID, CSeq).
 */
final class TooLargeAnswer {
    private TooLargeAnswer() {
    }

    /** The response to the message, if it gets one. */
    static Optional<SIPResponse> to(SIPMessage message, int status) {
        if (!(message instanceof SIPRequest request) || Request.ACK.equals(request.getMethod())) {
            return Optional.empty();
        }
        // What a response copies; the rest a request must have (an INVITE's Contact) does not matter here.
        if (request.getTopmostVia() == null || request.getFrom() == null || request.getTo() == null
                || request.getCallId() == null || request.getCSeq() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(request.createResponse(status));
        } catch (RuntimeException lacking) {
            return Optional.empty();
        }
    }

    /**
     * The response to a message of which only these bytes were read: its header lines up to the
     * first blank one, or up to the last whole line.
     */
    static Optional<SIPResponse> toStartOf(byte[] read, int status) {
        int end = headersEnd(read);
        byte[] block = new byte[end + 2];
        System.arraycopy(read, 0, block, 0, end);
        block[end] = '\r';
        block[end + 1] = '\n';
        try {
            return to(new StringMsgParser().parseSIPMessage(block, false, false, null), status);
        } catch (ParseException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Where the header lines end: after the line break that a blank line follows, or after the last line break. */
    private static int headersEnd(byte[] read) {
        int lastLineEnd = 0;
        for (int i = 0; i < read.length; i++) {
            if (read[i] != '\n') {
                continue;
            }
            int next = i + 1;
            if (next < read.length && read[next] == '\r') {
                next++;
            }
            if (next < read.length && read[next] == '\n') {
                return i + 1;
            }
            lastLineEnd = i + 1;
        }
        return lastLineEnd;
    }

    /** "513 Message Too Large", for the log. */
    static String status(SIPResponse response) {
        return response.getStatusCode() + " " + response.getReasonPhrase();
    }
}
