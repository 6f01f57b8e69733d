package io.vtgoconnect.callmanager.internal.acd;

import io.vtgoconnect.callmanager.internal.http.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The agent API's documents, as Finesse writes them: the User and ReasonCodes it answers, the
 * ApiErrors of a refusal (each on one line, so that the push channel sends it as one data line),
 * and the User document an agent PUTs.
 */
final class AcdXml {
    private AcdXml() {
    }

    static String user(AcdUser user) {
        StringBuilder xml = new StringBuilder("<User>");
        element(xml, "uri", AcdApi.USERS + user.id());
        element(xml, "loginId", user.id());
        element(xml, "loginName", user.id());
        element(xml, "name", user.name());
        element(xml, "teamName", user.team());
        element(xml, "extension", user.extension());
        element(xml, "state", user.state().name());
        element(xml, "stateChangeTime", user.stateChanged().toString());
        user.reason().ifPresentOrElse(reason -> {
            element(xml, "reasonCodeId", reason.key());
            xml.append("<ReasonCode>");
            reasonCode(xml, reason);
            xml.append("</ReasonCode>");
        }, () -> element(xml, "reasonCodeId", "-1"));
        return xml.append("</User>").toString();
    }

    static String reasonCodes(List<AcdReasonCode> reasonCodes) {
        StringBuilder xml = new StringBuilder("<ReasonCodes>");
        for (AcdReasonCode reasonCode : reasonCodes) {
            xml.append("<ReasonCode>");
            reasonCode(xml, reasonCode);
            xml.append("</ReasonCode>");
        }
        return xml.append("</ReasonCodes>").toString();
    }

    private static void reasonCode(StringBuilder xml, AcdReasonCode reasonCode) {
        element(xml, "uri", AcdApi.REASON_CODES + reasonCode.key());
        element(xml, "category", reasonCode.category().name());
        element(xml, "code", Integer.toString(reasonCode.code()));
        element(xml, "label", reasonCode.label());
        element(xml, "forAll", "true");
    }

    static String apiErrors(AcdRefusal refusal) {
        StringBuilder xml = new StringBuilder("<ApiErrors><ApiError>");
        element(xml, "ErrorData", refusal.data);
        element(xml, "ErrorMessage", refusal.getMessage());
        element(xml, "ErrorType", refusal.type);
        return xml.append("</ApiError></ApiErrors>").toString();
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>').append(Http.escape(text)).append("</").append(name).append('>');
    }

    /** The text of each child element of the User document an agent sent, e.g. state and extension. */
    static Map<String, String> userRequest(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            // A request names no external entity: none is read.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The parser's own handler prints what it cannot read: the refusal says it instead.
            builder.setErrorHandler(new DefaultHandler());
            Element root = builder.parse(new ByteArrayInputStream(bytes)).getDocumentElement();
            if (!root.getTagName().equals("User")) {
                throw AcdRefusal.invalidInput("User", "The body is a " + root.getTagName() + " document, not a User.");
            }
            Map<String, String> fields = new HashMap<>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    fields.put(element.getTagName(), element.getTextContent().strip());
                }
            }
            return fields;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            // Said to the agent in the refusal, as Finesse does.
            throw AcdRefusal.invalidInput("User", "The body is not a User document: " + e.getMessage());
        }
    }
}
