package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * The stack's message parser with the endpoint's size limit, which tells {@link PeerFaults} of
 * every message it cannot take: too large, malformed, or one that throws inside the stack's own
 * parser. Such a message reaches the stack as a ParseException, which answers it 400 where it
 * can read enough of it (RFC 3261 8.2 and 18.3) and otherwise drops it.
 */
final class GuardedParser implements MessageParserFactory, MessageParser {
    private final MessageParser parser = new StringMsgParser();
    private final int maxMessageBytes;
    private final PeerFaults faults;

    GuardedParser(int maxMessageBytes, PeerFaults faults) {
        this.maxMessageBytes = maxMessageBytes;
        this.faults = faults;
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
            return parser.parseSIPMessage(bytes, readBody, strict, watching);
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
}
