package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Help is made from the commands' annotations: usage from the overloads, detail from the descriptors. */
class CommandCatalogTest {
    private static final List<String> PHONE_FUNCTIONS = functionsOf(PhoneCommands.class);

    @Test
    void usageShowsRequiredAndOptionalParameters() {
        Map<String, String> usage = CommandCatalog.document(new PhoneCommands(null), PHONE_FUNCTIONS).stream()
                .collect(Collectors.toMap(CommandDoc::name, CommandDoc::usage));
        assertEquals("MakeCall destination", usage.get("MakeCall"));
        assertEquals("Softkey softkey [lineID] [callRefID]", usage.get("Softkey"));
        assertEquals("Mute [on|off]", usage.get("Mute"));
        assertEquals("Answer [callRefID]", usage.get("Answer"));
        assertEquals("Hold", usage.get("Hold"));
        assertEquals("DTMF dtmf", usage.get("DTMF"));
        assertEquals("WaitFor [-r] text [seconds]", CommandCatalog.document(new OutputCommands(), List.of("WaitFor")).get(0).usage());
    }

    @Test
    void everyPhoneCommandIsDocumentedFromTheManual() {
        List<CommandDoc> docs = CommandCatalog.document(new PhoneCommands(null), PHONE_FUNCTIONS);
        assertEquals(28, docs.size());
        docs.forEach(doc -> assertFalse(doc.description().isBlank(), doc.name()));
        CommandDoc dtmf = docs.stream().filter(doc -> doc.name().equals("DTMF")).findFirst().orElseThrow();
        assertEquals("Sends DTMF tones.", dtmf.summary());
        assertEquals("Sends DTMF tones. Valid values are 0,1,2,3,4,5,6,7,8,9,*,#. Single DTMF tones, as well as "
                + "sequences can be sent. Example: DTMF 2004", dtmf.description());
    }

    /** The functions as registered: read from the component description that bnd generated. */
    private static List<String> functionsOf(Class<?> component) {
        String descriptor = "/OSGI-INF/" + component.getName() + ".xml";
        try (InputStream xml = CommandCatalogTest.class.getResourceAsStream(descriptor)) {
            NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
                    .getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                if (property.getAttribute("name").equals(CommandProcessor.COMMAND_FUNCTION)) {
                    return property.getTextContent().lines().map(String::strip).toList();
                }
            }
            throw new AssertionError("No functions in " + descriptor);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new AssertionError("Unreadable " + descriptor, e);
        }
    }
}
