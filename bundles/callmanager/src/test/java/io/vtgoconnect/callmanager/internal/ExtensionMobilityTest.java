package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import io.vtgoconnect.transport.sip.internal.RecordingListener;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.SipSoftphone;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Extension Mobility service over real HTTP, with the EM API's XML: each answer and code, and
 * a provisioned phone that takes the user's profile on login and its own lines back on logout.
 */
class ExtensionMobilityTest {
    private static final String DEVICE = EmbeddedServer.DEVICE;
    private final EmbeddedServer server;

    ExtensionMobilityTest() throws Exception {
        server = new EmbeddedServer();
        server.server.addUser(new DirectoryUser(ConfigAnnotations.of(DirectoryUser.Settings.class,
                Map.of("id", "jsmith", "_pin", "123456", "profile_lines", new String[] {"2002"}))));
        server.server.addUser(new DirectoryUser(ConfigAnnotations.of(DirectoryUser.Settings.class,
                Map.of("id", "asmith", "_pin", "4321", "profile_lines", new String[] {"2003"}))));
        server.server.addDevice(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class,
                Map.of("name", "SEPLOCKED0000", "lines", new String[] {"2003"}, "em_allowed", false))));
        server.server.addDevice(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class,
                Map.of("name", "SEPOTHER00000", "lines", new String[] {"2003"}))));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String post(String xml) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort + ExtensionMobility.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static String login(String device, String user, String pin) {
        return "<request><appInfo><appID>" + user + "</appID><appCertificate>" + pin + "</appCertificate></appInfo>"
                + "<login><deviceName>" + device + "</deviceName><userID>" + user + "</userID></login></request>";
    }

    private static String logout(String device, String user, String pin) {
        return "<request><appInfo><appID>" + user + "</appID><appCertificate>" + pin + "</appCertificate></appInfo>"
                + "<logout><deviceName>" + device + "</deviceName></logout></request>";
    }

    private static String failure(int code) {
        return "<error code=\"" + code + "\">";
    }

    @Test
    void eachRefusalHasTheEmApisCode() throws Exception {
        assertTrue(post(login("SEP999999999999", "jsmith", "123456")).contains(failure(11)));
        assertTrue(post(login("SEPLOCKED0000", "jsmith", "123456")).contains(failure(22)));
        assertTrue(post(login(DEVICE, "nobody", "1")).contains(failure(23)));
        assertTrue(post(login(DEVICE, "jsmith", "000000")).contains(failure(9)));
        assertEquals("<response><success/></response>", post(login(DEVICE, "jsmith", "123456")));
        assertTrue(post(login(DEVICE, "asmith", "4321")).contains(failure(18)));
        assertTrue(post(login("SEPOTHER00000", "jsmith", "123456")).contains(failure(25)));
        assertTrue(post("<query><appInfo/><deviceUserQuery><deviceName>" + DEVICE + "</deviceName></deviceUserQuery></query>")
                .contains("<userID>jsmith</userID>"));
        assertTrue(post("<query><appInfo/><userDevicesQuery><userID>jsmith</userID></userDevicesQuery></query>")
                .contains("<deviceName>" + DEVICE + "</deviceName>"));
        assertTrue(post(logout(DEVICE, "asmith", "4321")).contains(failure(9)));
        assertEquals("<response><success/></response>", post(logout(DEVICE, "jsmith", "123456")));
        assertTrue(post("not xml").contains("<failure>"));
    }

    @Test
    void theLoggedInPhoneTakesTheUsersLinesAndGetsItsOwnBack() throws Exception {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = RegisteredPhone.provisioned("http://127.0.0.1:" + server.httpPort, DEVICE, events);
        try {
            events.await(CallManagerConnected.class);

            assertEquals("<response><success/></response>", post(login(DEVICE, "jsmith", "123456")));
            events.await(CallManagerDisconnected.class);
            events.await(LineUpdate.class, update -> update.line() == 1 && update.number().equals("2002"));
            events.await(CallManagerConnected.class);
            assertEquals(java.util.List.of("2002"), events.lines().stream().map(line -> line.number()).toList());

            assertEquals("<response><success/></response>", post(logout(DEVICE, "jsmith", "123456")));
            events.await(CallManagerDisconnected.class);
            events.await(LineUpdate.class, update -> update.line() == 1 && update.number().equals("2001"));
            events.await(CallManagerConnected.class);
        } finally {
            phone.stop();
        }
    }
}
