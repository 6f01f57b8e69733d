package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.sipstack.DigestAlgorithm;
import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipTransport;
import io.vtgoconnect.sipstack.SipTransportKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The lines and speed dials the call server configured for this device, fetched over HTTP as a
 * Cisco phone fetches its {@code SEP<MAC>.cnf.xml}: a phone that knows only the server, its device
 * name and its own password gets everything else from there. A line comes with its HA1s for the
 * server's realm (attributes {@code authHa1Sha256}, {@code authHa1Md5}), never with its password.
 */
record DeviceConfiguration(List<SipLine> lines, String[] speedDials) {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int EXPIRY_SECONDS = 3600;
    private static final int KEEPALIVE_SECONDS = 30;

    /**
     * Fetches {@code <provisioning.url>/<device name>.cnf.xml}, with the device's password when it has
     * one; ERROR_PHONE_NOT_FOUND saying why when it cannot.
     */
    static DeviceConfiguration fetch(PhoneSettings settings) {
        String url = settings.provisioning_url().strip();
        String deviceName = settings.device_name();
        URI uri = URI.create(url.endsWith("/") ? url : url + "/").resolve(deviceName + ".cnf.xml");
        String password;
        try {
            password = SecretFile.firstLine(settings.device_password_file());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, "Device " + deviceName + "'s password: " + e.getMessage() + ".");
        }
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(TIMEOUT).build();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
            if (!password.isEmpty()) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (deviceName + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401) {
                throw new CommandException(ERROR_PHONE_NOT_FOUND, "The call server gives device " + deviceName
                        + "'s configuration only with the device's password (HTTP 401 from " + uri + "): "
                        + (password.isEmpty() ? "set device.password.file of " + PhoneSettings.PID + "."
                        : "the password in device.password.file is not the one it knows."));
            }
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

    /** Reads {@code <device><callManager host= sipPort= realm=/><line .../><speedDial .../></device>}. */
    static DeviceConfiguration parse(byte[] xml, String deviceName) {
        Element device = document(xml).getDocumentElement();
        Element server = (Element) device.getElementsByTagName("callManager").item(0);
        if (server == null) {
            throw new IllegalArgumentException("it names no callManager");
        }
        SipDestination registrar = new SipDestination(server.getAttribute("host"),
                Integer.parseInt(server.getAttribute("sipPort")), SipTransport.UDP, false);
        String realm = server.getAttribute("realm");
        List<SipLine> lines = new ArrayList<>();
        NodeList lineElements = device.getElementsByTagName("line");
        for (int i = 0; i < lineElements.getLength(); i++) {
            Element line = (Element) lineElements.item(i);
            lines.add(new SipLine(Integer.parseInt(line.getAttribute("button")), line.getAttribute("number"),
                    line.getAttribute("label"), line.getAttribute("number"), line.getAttribute("authName"),
                    LineSecret.ha1s(realm, ha1s(line)), registrar, SipTransportKind.UDP, EXPIRY_SECONDS, KEEPALIVE_SECONDS));
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

    /** The line's HA1s given, by algorithm. */
    private static Map<DigestAlgorithm, String> ha1s(Element line) {
        Map<DigestAlgorithm, String> ha1s = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            String ha1 = line.getAttribute(algorithm == DigestAlgorithm.MD5 ? "authHa1Md5" : "authHa1Sha256");
            if (!ha1.isBlank()) {
                ha1s.put(algorithm, ha1.strip());
            }
        }
        return ha1s;
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
