package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.message.Response;

/**
 * The stack's message parser with the endpoint's size limit, which tells {@link PeerFaults} of
 * every message it cannot take: too large, malformed, or one that throws inside the stack's own
 * parser. Such a message reaches the stack as a ParseException, which answers it 400 where it
 * can read enough of it (RFC 3261 8.2 and 18.3) and otherwise drops it. Over TCP the parser sees
 * a message's headers before the stack reads its body: a request whose body would take it over
 * the limit is answered 413 before a byte of the body is read, and its connection closed, for
 * what follows on it cannot be told apart from the body. A datagram over the limit is answered 400
 * (the stack cannot tell a port for a 513: it learns the source port only after parsing). (A TCP
 * header block over the limit never gets here: {@link HeaderBlockLimit} stops it first.)
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
        ConnectionOrientedMessageChannel stream = listener instanceof ConnectionOrientedMessageChannel connection ? connection : null;
        if (stream != null) {
            connections.parsed(stream);
        }
        // The stack reads a datagram into a buffer larger than the limit (see SipEndpoint.stackMessageLimit).
        if (stream == null && bytes.length > maxMessageBytes) {
            faults.dropped(source(listener), "it has " + bytes.length + " bytes or more, more than the limit of " + maxMessageBytes
                    + "; answered 400 where its headers allow");
            // The stack answers a request 400 with this reason (RFC 3261 18.1.1 lets a larger one go unanswered).
            throw new ParseException("Message Too Large, over " + maxMessageBytes + " bytes", 0);
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
                refuse(message, bytes.length, stream, source(listener));
                return null;
            }
            return message;
        } catch (ParseException e) {
            faults.dropped(source(listener), badHeader[0] == null ? "it is not a well-formed SIP message"
                    : "it is not a well-formed SIP message (" + badHeader[0] + " header)");
            throw e;
        } catch (RuntimeException e) {
            // The stack's parser fails on some garbage with an unchecked exception; the stack drops a ParseException cleanly.
            faults.dropped(source(listener), "the stack's parser failed on it (" + e.getClass().getSimpleName() + ")");
            throw new ParseException("Unparsable message", 0);
        }
    }

    /** Whom a fault is counted against: by address, not port, as a peer that changes ports is still one source. */
    private static String source(ParseExceptionListener listener) {
        return listener instanceof MessageChannel channel
                ? channel.getPeerAddress() + " over " + channel.getTransport().toUpperCase(java.util.Locale.ROOT) : "a peer";
    }

    private static long announcedBody(SIPMessage message) {
        return message.getContentLength() == null ? 0 : message.getContentLength().getContentLength();
    }

    /**
     * Answers a request over the limit on the connection it came by (the stack knows that
     * connection only once it has taken a message from it), then closes the connection: 413 when
     * its body takes it over (RFC 3261 21.4.11), 513 when its headers alone do (21.5.13; over TLS,
     * which has no {@link HeaderBlockLimit}, up to the stack's own limit of headers).
     */
    private void refuse(SIPMessage message, int headerBytes, ConnectionOrientedMessageChannel stream, String source) {
        boolean headersOver = headerBytes > maxMessageBytes;
        Optional<SIPResponse> answer = TooLargeAnswer.to(message,
                headersOver ? Response.MESSAGE_TOO_LARGE : Response.REQUEST_ENTITY_TOO_LARGE);
        faults.dropped(source, (headersOver ? "its header block of " + headerBytes + " bytes is"
                : "its Content-Length of " + announcedBody(message) + " bytes takes it") + " over the limit of "
                + maxMessageBytes + answer.map(response -> "; answered " + TooLargeAnswer.status(response)).orElse("")
                + " and closed the connection");
        connections.answerAndClose(stream, answer.map(response -> response.encodeAsBytes(stream.getTransport())).orElse(new byte[0]));
    }
}
