package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.callmanager.internal.directory.DirectoryDevice;
import io.vtgoconnect.callmanager.internal.directory.DirectoryUser;
import io.vtgoconnect.callmanager.internal.directory.Secret;
import io.vtgoconnect.callmanager.internal.em.ExtensionMobility;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
        server.add(new DirectoryUser(ConfigAnnotations.of(DirectoryUser.Settings.class,
                Map.of("id", "jsmith", "_pin", "123456", "profile_lines", new String[] {"2002"}))));
        server.add(new DirectoryUser(ConfigAnnotations.of(DirectoryUser.Settings.class,
                Map.of("id", "asmith", "_pin", "4321", "profile_lines", new String[] {"2003"}))));
        server.add(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class,
                Map.of("name", "SEPLOCKED0000", "lines", new String[] {"2003"}, "em_allowed", false))));
        server.add(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class,
                Map.of("name", "SEPOTHER00000", "lines", new String[] {"2003"}))));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String post(String xml) throws Exception {
        return post(server, xml);
    }

    private static String post(EmbeddedServer server, String xml) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort + ExtensionMobility.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static String deviceUserQuery(String appId, String certificate) {
        return "<query><appInfo><appID>" + appId + "</appID><appCertificate>" + certificate + "</appCertificate></appInfo>"
                + "<deviceUserQuery><deviceName>" + DEVICE + "</deviceName></deviceUserQuery></query>";
    }

    private static String userDevicesQuery(String appId, String certificate, String user) {
        return "<query><appInfo><appID>" + appId + "</appID><appCertificate>" + certificate + "</appCertificate></appInfo>"
                + "<userDevicesQuery><userID>" + user + "</userID></userDevicesQuery></query>";
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
        assertTrue(post(deviceUserQuery("jsmith", "123456")).contains("<userID>jsmith</userID>"));
        assertTrue(post(userDevicesQuery("jsmith", "123456", "jsmith")).contains("<deviceName>" + DEVICE + "</deviceName>"));
        assertTrue(post(logout(DEVICE, "asmith", "4321")).contains(failure(9)));
        assertEquals("<response><success/></response>", post(logout(DEVICE, "jsmith", "123456")));
        assertTrue(post("not xml").contains("<failure>"));
    }

    @Test
    void everyRequestNeedsTheUsersOwnCredentialsOrTheApplicationUsers() throws Exception {
        assertEquals("<response><success/></response>", post(login(DEVICE, "jsmith", "123456")));
        for (String[] credentials : new String[][] {{"", ""}, {"jsmith", ""}, {"jsmith", "000000"}, {"asmith", "4321"},
            {"nobody", "1"}}) {
            String answer = post(userDevicesQuery(credentials[0], credentials[1], "jsmith"));
            assertTrue(answer.contains(failure(9)) && !answer.contains(DEVICE), answer);
        }
        assertTrue(post(deviceUserQuery("", "")).contains(failure(9)));
        assertTrue(post(deviceUserQuery("nobody", "1")).contains(failure(9)));
        assertTrue(post(deviceUserQuery("asmith", "4321")).contains("<userID>jsmith</userID>"));
    }

    @Test
    void aUserWhoFailsTooOftenIsLockedForTheLockoutTime() throws Exception {
        try (EmbeddedServer strict = new EmbeddedServer("lockout_attempts", 3, "lockout_window", 60, "lockout_time", 2)) {
            strict.add(new DirectoryUser(ConfigAnnotations.of(DirectoryUser.Settings.class,
                    Map.of("id", "jsmith", "_pin", Secret.hash("123456"), "profile_lines", new String[] {"2002"}))));
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertTrue(post(strict, login(DEVICE, "jsmith", "00000" + attempt)).contains(failure(9)));
            }
            long lockedAt = System.nanoTime();
            String locked = post(strict, login(DEVICE, "jsmith", "123456"));
            assertTrue(locked.contains(failure(9)) && locked.contains("locked"), locked);
            long deadline = lockedAt + TimeUnit.SECONDS.toNanos(10);
            String answer = locked;
            while (!answer.contains("<success/>") && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                answer = post(strict, login(DEVICE, "jsmith", "123456"));
            }
            long lockedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lockedAt);
            assertEquals("<response><success/></response>", answer);
            assertTrue(lockedMillis >= 1900, "locked for " + lockedMillis + " ms only");
        }
    }

    @Test
    void theLoggedInPhoneTakesTheUsersLinesAndGetsItsOwnBack() throws Exception {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = RegisteredPhone.provisioned("http://127.0.0.1:" + server.httpPort, DEVICE,
                EmbeddedServer.DEVICE_PASSWORD, events);
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
