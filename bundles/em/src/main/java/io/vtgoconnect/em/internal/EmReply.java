package io.vtgoconnect.em.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_EM_ANOTHER_USER_LOGGED_ON;
import static io.vtgoconnect.api.ErrorCode.ERROR_EM_DEVICE_NOT_CONFIGURED;
import static io.vtgoconnect.api.ErrorCode.ERROR_EM_INVALID_CREDENTIALS;
import static io.vtgoconnect.api.ErrorCode.ERROR_EM_UNKNOWN_DEVICE;
import static io.vtgoconnect.api.ErrorCode.ERROR_EM_UNKNOWN_RESPONSE;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Reads the EM API's reply, {@code <response><success/></response>} or
 * {@code <response><failure><error code="N">text</error></failure></response>}, and answers a
 * failure with the manual's code.
 */
final class EmReply {
    /** The EM API's codes the manual has an error of its own for; every other code is an unknown response. */
    private static final Map<Integer, ErrorCode> CODES = Map.of(
            18, ERROR_EM_ANOTHER_USER_LOGGED_ON,
            22, ERROR_EM_DEVICE_NOT_CONFIGURED,
            11, ERROR_EM_UNKNOWN_DEVICE,
            2, ERROR_EM_INVALID_CREDENTIALS,
            3, ERROR_EM_INVALID_CREDENTIALS,
            9, ERROR_EM_INVALID_CREDENTIALS,
            23, ERROR_EM_INVALID_CREDENTIALS);

    private EmReply() {
    }

    /** Returns for a success; throws the manual's error for a failure or a reply it cannot read. */
    static void check(byte[] reply, String request) {
        Element response;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            response = factory.newDocumentBuilder().parse(new ByteArrayInputStream(reply)).getDocumentElement();
        } catch (Exception e) {
            throw new CommandException(ERROR_EM_UNKNOWN_RESPONSE, "The EM service's reply to the " + request
                    + " is not XML.");
        }
        if (!response.getTagName().equals("response")) {
            throw unknown(request, "<" + response.getTagName() + ">");
        }
        if (response.getElementsByTagName("success").getLength() > 0) {
            return;
        }
        Element error = (Element) response.getElementsByTagName("error").item(0);
        if (error == null || !error.getAttribute("code").strip().matches("\\d+")) {
            throw unknown(request, "a reply with neither success nor an error code");
        }
        int code = Integer.parseInt(error.getAttribute("code").strip());
        String text = error.getTextContent().strip();
        ErrorCode mapped = CODES.get(code);
        if (mapped == null) {
            throw unknown(request, "error " + code + " (" + text + ")");
        }
        throw new CommandException(mapped, "The EM service refused the " + request + ": " + text + " (error " + code + ").");
    }

    private static CommandException unknown(String request, String what) {
        return new CommandException(ERROR_EM_UNKNOWN_RESPONSE, "The EM service answered the " + request + " with " + what + ".");
    }
}
