package io.vtgoconnect.callmanager.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * The Extension Mobility service, as a CallManager offers it at {@value #PATH}: a user logs in to a
 * device, which then takes the user's device profile (lines, speed dials) until the user logs
 * out. Requests are the EM API's XML, posted as the form field {@code xml}; every answer is HTTP
 * 200 with {@code <response><success/></response>} or {@code <failure><error code="N">}. After a
 * login or logout the device is told to fetch its configuration again.
 */
final class ExtensionMobility {
    static final String PATH = "/emservice/EMServiceServlet";

    /** The EM API's error codes, as CallManager numbers them. */
    enum Failure {
        BAD_CREDENTIALS(9, "Authentication failed"),
        UNKNOWN_DEVICE(11, "Device does not exist"),
        ANOTHER_USER_LOGGED_IN(18, "Another user is logged in to the device"),
        DEVICE_NOT_ALLOWED(22, "Device does not allow Extension Mobility logins"),
        UNKNOWN_USER(23, "User does not exist"),
        USER_LOGGED_IN_ELSEWHERE(25, "User is logged in to another device"),
        BAD_REQUEST(1, "Request is not valid EM XML");

        final int code;
        final String text;

        Failure(int code, String text) {
            this.code = code;
            this.text = text;
        }
    }

    private final Directory directory;
    /** Device name to the user logged in to it. */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    /** Told of a device whose profile changed, with the lines it had before, so that it is told to fetch it again. */
    private final BiConsumer<String, DeviceConfigurations.DeviceProfile> profileChanged;
    private final String appUser;
    private final String appPassword;

    /** @param appUser an application user with proxy rights (may log anyone in), or empty */
    ExtensionMobility(Directory directory, String appUser, String appPassword,
            BiConsumer<String, DeviceConfigurations.DeviceProfile> profileChanged) {
        this.directory = directory;
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.profileChanged = profileChanged;
    }

    /** The lines and speed dials of the device now: its user's profile while one is logged in, else its own. */
    Optional<DeviceConfigurations.DeviceProfile> profileOf(String deviceName) {
        return directory.device(deviceName).map(device -> Optional.ofNullable(users.get(deviceName))
                .flatMap(directory::user)
                .map(user -> profile(deviceName, user.profileLines(), user.profileSpeedDials()))
                .orElseGet(() -> profile(deviceName, device.lines(), device.speedDials())));
    }

    private DeviceConfigurations.DeviceProfile profile(String deviceName, java.util.List<String> lines,
            java.util.List<String> speedDials) {
        return new DeviceConfigurations.DeviceProfile(deviceName,
                lines.stream().flatMap(number -> directory.line(number).stream()).toList(), speedDials);
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                DeviceConfigurations.send(exchange, 405, "text/plain", "POST the form field xml.\n");
                return;
            }
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            DeviceConfigurations.send(exchange, 200, "text/xml", answer(xmlField(form)));
        }
    }

    private static String xmlField(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("xml=")) {
                return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** The reply to one EM request. */
    synchronized String answer(String xml) {
        Element request;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            request = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            return failure(Failure.BAD_REQUEST);
        }
        String appId = text(request, "appID");
        String certificate = text(request, "appCertificate");
        if (child(request, "login").isPresent()) {
            return login(text(request, "deviceName"), text(request, "userID"), appId, certificate);
        }
        if (child(request, "logout").isPresent()) {
            return logout(text(request, "deviceName"), appId, certificate);
        }
        if (child(request, "deviceUserQuery").isPresent()) {
            String device = text(request, "deviceName");
            String user = users.get(device);
            return "<response><deviceUserResults><device name=\"" + DeviceConfigurations.escape(device) + "\">"
                    + (user == null ? "<none/>" : "<userID>" + DeviceConfigurations.escape(user) + "</userID>") + "</device></deviceUserResults></response>";
        }
        if (child(request, "userDevicesQuery").isPresent()) {
            String user = text(request, "userID");
            StringBuilder devices = new StringBuilder();
            users.forEach((device, loggedIn) -> {
                if (loggedIn.equals(user)) {
                    devices.append("<deviceName>").append(DeviceConfigurations.escape(device)).append("</deviceName>");
                }
            });
            return "<response><userDevicesResults><user id=\"" + DeviceConfigurations.escape(user) + "\">"
                    + (devices.length() == 0 ? "<none/>" : devices) + "</user></userDevicesResults></response>";
        }
        return failure(Failure.BAD_REQUEST);
    }

    private String login(String deviceName, String userId, String appId, String certificate) {
        Optional<DirectoryDevice.Entry> device = directory.device(deviceName);
        if (device.isEmpty()) {
            return failure(Failure.UNKNOWN_DEVICE);
        }
        if (!device.get().emAllowed()) {
            return failure(Failure.DEVICE_NOT_ALLOWED);
        }
        Optional<DirectoryUser.Entry> user = directory.user(userId);
        if (user.isEmpty()) {
            return failure(Failure.UNKNOWN_USER);
        }
        if (!mayActFor(user.get(), appId, certificate)) {
            return failure(Failure.BAD_CREDENTIALS);
        }
        String current = users.get(deviceName);
        if (current != null && !current.equals(userId)) {
            return failure(Failure.ANOTHER_USER_LOGGED_IN);
        }
        if (users.entrySet().stream().anyMatch(entry -> entry.getValue().equals(userId) && !entry.getKey().equals(deviceName))) {
            return failure(Failure.USER_LOGGED_IN_ELSEWHERE);
        }
        if (current == null) {
            DeviceConfigurations.DeviceProfile before = profileOf(deviceName).orElseThrow();
            users.put(deviceName, userId);
            profileChanged.accept(deviceName, before);
        }
        return "<response><success/></response>";
    }

    private String logout(String deviceName, String appId, String certificate) {
        if (directory.device(deviceName).isEmpty()) {
            return failure(Failure.UNKNOWN_DEVICE);
        }
        String current = users.get(deviceName);
        if (current == null) {
            // Nobody to log out: the device already has its own profile.
            return "<response><success/></response>";
        }
        Optional<DirectoryUser.Entry> user = directory.user(current);
        if (user.isPresent() && !mayActFor(user.get(), appId, certificate)) {
            return failure(Failure.BAD_CREDENTIALS);
        }
        DeviceConfigurations.DeviceProfile before = profileOf(deviceName).orElseThrow();
        users.remove(deviceName);
        profileChanged.accept(deviceName, before);
        return "<response><success/></response>";
    }

    /** Self-login (the user's own ID and PIN), or the application user with proxy rights. */
    private boolean mayActFor(DirectoryUser.Entry user, String appId, String certificate) {
        boolean self = appId.equals(user.id()) && certificate.equals(user.pin());
        boolean proxy = !appUser.isEmpty() && appId.equals(appUser) && certificate.equals(appPassword);
        return self || proxy;
    }

    private static String failure(Failure failure) {
        return "<response><failure><error code=\"" + failure.code + "\">" + failure.text + "</error></failure></response>";
    }

    private static Optional<Element> child(Element parent, String name) {
        return Optional.ofNullable((Element) parent.getElementsByTagName(name).item(0));
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().strip()).orElse("");
    }
}
