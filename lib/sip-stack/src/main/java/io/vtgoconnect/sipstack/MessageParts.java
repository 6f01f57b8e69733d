package io.vtgoconnect.sipstack;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;

/** What the requests and responses of a user agent are made of: Max-Forwards, tags, the SDP type, bodies as text. */
public final class MessageParts {
    /** The Max-Forwards of a new request (RFC 3261 8.1.1.6). */
    public static final int MAX_FORWARDS = 70;

    private MessageParts() {
    }

    /** A new From or To tag (RFC 3261 19.3): random, so that dialogs of two calls never share one. */
    public static String newTag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code Content-Type: application/sdp}. */
    public static ContentTypeHeader sdpType(HeaderFactory headers) {
        try {
            return headers.createContentTypeHeader("application", "sdp");
        } catch (ParseException e) {
            throw new IllegalStateException("application/sdp is a content type", e);
        }
    }

    /** The message's body as UTF-8 text; empty when it has none. */
    public static Optional<String> body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
    }
}
