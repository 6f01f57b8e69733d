package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.SipTransportKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The lines and speed dials the call server configured for this device, fetched over HTTP as a
 * Cisco phone fetches its {@code SEP<MAC>.cnf.xml}: a phone that knows only the server and its
 * device name gets everything else from there.
 */
record DeviceConfiguration(List<SipLine> lines, String[] speedDials) {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int EXPIRY_SECONDS = 3600;
    private static final int KEEPALIVE_SECONDS = 30;

    /** Fetches {@code <url>/<device>.cnf.xml}; ERROR_PHONE_NOT_FOUND saying why when it cannot. */
    static DeviceConfiguration fetch(String url, String deviceName) {
        URI uri = URI.create(url.endsWith("/") ? url : url + "/").resolve(deviceName + ".cnf.xml");
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CommandException(ERROR_PHONE_NOT_FOUND, "The call server has no configuration for device "
                        + deviceName + " (HTTP " + response.statusCode() + " from " + uri + ").");
            }
            return parse(response.body(), deviceName);
        } catch (IOException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The device configuration could not be fetched from " + uri
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "Interrupted while fetching the device configuration.");
        } catch (IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "The device configuration from " + uri + " is wrong: "
                    + e.getMessage() + ".");
        }
    }

    /** Reads {@code <device><callManager host= sipPort=/><line .../><speedDial .../></device>}. */
    static DeviceConfiguration parse(byte[] xml, String deviceName) {
        Element device = document(xml).getDocumentElement();
        Element server = (Element) device.getElementsByTagName("callManager").item(0);
        if (server == null) {
            throw new IllegalArgumentException("it names no callManager");
        }
        HostPort registrar = new HostPort(server.getAttribute("host"), Integer.parseInt(server.getAttribute("sipPort")));
        List<SipLine> lines = new ArrayList<>();
        NodeList lineElements = device.getElementsByTagName("line");
        for (int i = 0; i < lineElements.getLength(); i++) {
            Element line = (Element) lineElements.item(i);
            lines.add(new SipLine(Integer.parseInt(line.getAttribute("button")), line.getAttribute("number"),
                    line.getAttribute("label"), line.getAttribute("number"), line.getAttribute("authName"),
                    line.getAttribute("authPassword"), registrar, SipTransportKind.UDP, EXPIRY_SECONDS, KEEPALIVE_SECONDS));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("device " + deviceName + " has no line");
        }
        NodeList dialElements = device.getElementsByTagName("speedDial");
        String[] speedDials = new String[dialElements.getLength()];
        for (int i = 0; i < speedDials.length; i++) {
            Element dial = (Element) dialElements.item(i);
            speedDials[i] = dial.getAttribute("number") + "|" + dial.getAttribute("label");
        }
        return new DeviceConfiguration(List.copyOf(lines), speedDials);
    }

    private static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A configuration file names no outside entities or schemas; none is fetched.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("it is not XML: " + e.getMessage(), e);
        }
    }
}
