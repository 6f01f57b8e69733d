package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import io.vtgoconnect.api.command.CommandSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Help is made from the commands' annotations: usage from the overloads, detail from the descriptors. */
class CommandCatalogTest {
    @Test
    void usageShowsFlagsAndRequiredAndOptionalParameters() {
        assertEquals("WaitFor [-r] text [seconds]", CommandCatalog.document(new OutputCommands(), List.of("WaitFor")).get(0).usage());
        assertEquals("Events [json|text]", CommandCatalog.document(new OutputCommands(), List.of("Events")).get(0).usage());
    }

    @Test
    void theShellsOwnCommandsAreDocumentedFromTheirDescriptors() {
        List<CommandSpec> docs = CommandCatalog.document(new OutputCommands(), functionsOf(OutputCommands.class));
        assertEquals(3, docs.size());
        docs.forEach(doc -> assertFalse(doc.description().isBlank(), doc.name()));
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
