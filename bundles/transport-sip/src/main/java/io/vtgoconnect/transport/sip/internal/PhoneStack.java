package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.SipEndpoint;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

/** What every part of the running phone sends through: the SIP endpoint, its message builder and its request sender. */
record PhoneStack(SipEndpoint endpoint, SipMessages messages, RequestSender sender) {

    ContentTypeHeader sdpType() throws ParseException {
        return endpoint.headers.createContentTypeHeader("application", "sdp");
    }

    /** Answers the request with a bare status. */
    void respond(ServerTransaction transaction, int status) throws ParseException, SipException, InvalidArgumentException {
        transaction.sendResponse(endpoint.messages.createResponse(status, transaction.getRequest()));
    }

    static Optional<String> body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
    }
}
