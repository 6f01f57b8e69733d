package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The stack's message parser with the endpoint's size limit, which tells {@link PeerFaults} of
 * every message it cannot take: too large, malformed, or one that throws inside the stack's own
 * parser. Such a message reaches the stack as a ParseException, which answers it 400 where it
 * can read enough of it (RFC 3261 8.2 and 18.3) and otherwise drops it. Over TCP the parser sees
 * a message's headers before the stack reads its body: a request whose body would take it over
 * the limit is answered 413 before a byte of the body is read, and its connection closed, for
 * what follows on it cannot be told apart from the body. (A header block over the limit never
 * gets here: the stack's reader stops at half the limit and closes the connection unanswered.)
 */
final class GuardedParser implements MessageParserFactory, MessageParser {
    private final MessageParser parser = new StringMsgParser();
    private final int maxMessageBytes;
    private final PeerFaults faults;
    private final TcpConnections connections;

    GuardedParser(int maxMessageBytes, PeerFaults faults, TcpConnections connections) {
        this.maxMessageBytes = maxMessageBytes;
        this.faults = faults;
        this.connections = connections;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return this;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        // Counted by address, not port: a peer that changes ports is still one source.
        String source = listener instanceof MessageChannel channel
                ? channel.getPeerAddress() + " over " + channel.getTransport().toUpperCase(java.util.Locale.ROOT) : "a peer";
        ConnectionOrientedMessageChannel stream = listener instanceof ConnectionOrientedMessageChannel connection ? connection : null;
        // The stack reads a datagram into a buffer of the limit's size: one that fills it was cut short.
        if (bytes.length >= maxMessageBytes) {
            faults.dropped(source, "it has " + bytes.length + " bytes or more, more than the limit of " + maxMessageBytes);
            throw new ParseException("Message larger than " + maxMessageBytes + " bytes", 0);
        }
        String[] badHeader = {null};
        ParseExceptionListener watching = listener == null ? null : (problem, message, headerClass, header, text) -> {
            badHeader[0] = headerClass == null ? "a" : "its " + headerClass.getSimpleName();
            listener.handleException(problem, message, headerClass, header, text);
            badHeader[0] = null;
        };
        try {
            SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, watching);
            if (stream != null && message != null && bytes.length + announcedBody(message) > maxMessageBytes) {
                refuse(message, stream, source);
                return null;
            }
            return message;
        } catch (ParseException e) {
            faults.dropped(source, badHeader[0] == null ? "it is not a well-formed SIP message"
                    : "it is not a well-formed SIP message (" + badHeader[0] + " header)");
            throw e;
        } catch (RuntimeException e) {
            // The stack's parser fails on some garbage with an unchecked exception; the stack drops a ParseException cleanly.
            faults.dropped(source, "the stack's parser failed on it (" + e.getClass().getSimpleName() + ")");
            throw new ParseException("Unparsable message", 0);
        }
    }

    private static long announcedBody(SIPMessage message) {
        return message.getContentLength() == null ? 0 : message.getContentLength().getContentLength();
    }

    /**
     * Answers a request over the limit 413 as RFC 3261 21.4.11 says, on the connection it came by
     * (the stack knows that connection only once it has taken a message from it), then closes the
     * connection.
     */
    private void refuse(SIPMessage message, ConnectionOrientedMessageChannel stream, String source) {
        String why = "its Content-Length of " + announcedBody(message) + " bytes takes it over the limit of " + maxMessageBytes;
        byte[] answer = new byte[0];
        if (message instanceof SIPRequest request && !Request.ACK.equals(request.getMethod())) {
            answer = request.createResponse(Response.REQUEST_ENTITY_TOO_LARGE).encodeAsBytes(stream.getTransport());
            why += "; answered 413";
        }
        faults.dropped(source, why + " and closed the connection");
        connections.answerAndClose(stream, answer);
    }
}
