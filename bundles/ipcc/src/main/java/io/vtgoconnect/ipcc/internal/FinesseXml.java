package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.AgentState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/** The agent API's documents as the client writes and reads them: Finesse's User, ReasonCodes and ApiErrors. */
final class FinesseXml {
    /** A reason code the server lists: its id (the last segment of its uri, which requests name), code and label. */
    record ReasonCode(String id, int code, String label) {
    }

    /** Why the server refused a request: Finesse's ErrorType, ErrorData (the element at fault) and ErrorMessage. */
    record ApiError(String type, String data, String message) {
        /** The refusal of a state change that needs a reason code and was given none. */
        boolean isReasonRequired() {
            return type.equals("Parameter Missing") && data.equals("reasonCodeId");
        }
    }

    private FinesseXml() {
    }

    /** {@code <User><state>..</state>...</User>} with the elements given as name, text pairs. */
    static String userRequest(String state, String... elements) {
        StringBuilder xml = new StringBuilder("<User>");
        element(xml, "state", state);
        for (int i = 0; i < elements.length; i += 2) {
            element(xml, elements[i], elements[i + 1]);
        }
        return xml.append("</User>").toString();
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>')
                .append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                .append("</").append(name).append('>');
    }

    /** The state of a User document. */
    static AgentState state(String user) {
        return agentState(text(parse(user, "User"), "state"));
    }

    /** The manual's agent state of a Finesse state. */
    static AgentState agentState(String finesseState) {
        return switch (finesseState) {
            case "LOGOUT" -> AgentState.LOGGED_OUT;
            case "NOT_READY" -> AgentState.NOT_READY;
            case "READY" -> AgentState.READY;
            case "RESERVED", "RESERVED_OUTBOUND", "RESERVED_OUTBOUND_PREVIEW" -> AgentState.RESERVED;
            case "TALKING" -> AgentState.TALKING;
            case "HOLD" -> AgentState.HOLD;
            case "WORK" -> AgentState.WORK;
            case "WORK_READY" -> AgentState.WORK_READY;
            case "WORK_NOT_READY" -> AgentState.WORK_NOT_READY;
            default -> AgentState.UNKNOWN;
        };
    }

    static List<ReasonCode> reasonCodes(String document) {
        NodeList codes = parse(document, "ReasonCodes").getElementsByTagName("ReasonCode");
        List<ReasonCode> reasonCodes = new ArrayList<>();
        for (int i = 0; i < codes.getLength(); i++) {
            Element code = (Element) codes.item(i);
            String uri = text(code, "uri");
            try {
                reasonCodes.add(new ReasonCode(uri.substring(uri.lastIndexOf('/') + 1), Integer.parseInt(text(code, "code")),
                        text(code, "label")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a reason code that is no number: " + text(code, "code"));
            }
        }
        return reasonCodes;
    }

    /** The first ApiError of an ApiErrors document; empty for anything else. */
    static Optional<ApiError> apiError(String document) {
        try {
            Element error = (Element) parse(document, "ApiErrors").getElementsByTagName("ApiError").item(0);
            return error == null ? Optional.empty()
                    : Optional.of(new ApiError(text(error, "ErrorType"), text(error, "ErrorData"), text(error, "ErrorMessage")));
        } catch (IllegalArgumentException notApiErrors) {
            return Optional.empty();
        }
    }

    private static Element parse(String document, String root) {
        Element element;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The parser's own handler prints what it cannot read: the refusal says it instead.
            builder.setErrorHandler(new DefaultHandler());
            element = builder.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML");
        }
        if (!element.getTagName().equals(root)) {
            throw new IllegalArgumentException("a " + element.getTagName() + " document where a " + root + " was expected");
        }
        return element;
    }

    /** The text of the first descendant of that name, or empty. */
    private static String text(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }
}
