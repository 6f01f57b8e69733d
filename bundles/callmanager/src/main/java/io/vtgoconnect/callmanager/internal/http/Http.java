package io.vtgoconnect.callmanager.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** What the call server's servlets share: bounded bodies, HTTP Basic credentials read totally, and plain replies. */
public final class Http {
    /** The servlet names of the call server's resources, which its {@link ClientLimit} bounds. */
    public static final String DEVICE_CONFIGURATION = "vtgo-device-configuration";
    public static final String EXTENSION_MOBILITY = "vtgo-extension-mobility";
    public static final String AGENT_API = "vtgo-agent-api";

    /** The longest body a request of the call server may have: an EM request or a User document is far shorter. */
    public static final int MAX_BODY = 64 * 1024;

    /** A body longer than {@link #MAX_BODY}: the request gets 413. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("The request body is longer than " + MAX_BODY + " bytes.", null, false, false);
        }
    }

    /** The user and password of an {@code Authorization: Basic} header. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + "]";
        }
    }

    private Http() {
    }

    /** The body, read up to the limit: a longer one (announced or sent) is refused before it is read whole. */
    public static byte[] body(HttpServletRequest request) throws IOException, TooLarge {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new TooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new TooLarge();
            }
            return body;
        }
    }

    /** The Basic credentials of the request; empty when there are none or they are not well formed. */
    public static Optional<Credentials> basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            // Credentials that are not Base64 are no credentials: the request gets 401.
            return Optional.empty();
        }
    }

    /** 401 asking for Basic credentials of the realm, with a body of the type. */
    public static void unauthorized(HttpServletResponse response, String realm, String type, String body) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        send(response, HttpServletResponse.SC_UNAUTHORIZED, type, body);
    }

    public static void send(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type + "; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The text as XML character data or attribute value. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;").replace(">", "&gt;");
    }
}
