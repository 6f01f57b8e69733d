package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.directory.DirectoryDevice;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.directory.Secret;
import io.vtgoconnect.sipstack.DigestAlgorithm;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A device configuration gives a line's HA1s for the server's realm, never its password, and only to
 * the device that proves its own credential; a device without one is served its lines without them.
 */
class DeviceConfigurationsTest {
    /** A device with no password of its own. */
    private static final String OPEN_DEVICE = "SEPOPEN0000000";
    private final EmbeddedServer server;

    DeviceConfigurationsTest() throws Exception {
        server = new EmbeddedServer();
        server.add(new DirectoryLine(ConfigAnnotations.of(DirectoryLine.Settings.class, Map.of("number", "2401",
                "_ha1_md5", DigestAlgorithm.MD5.ha1("2401", "vtgoconnect", "secret-2401")))));
        server.add(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class, Map.of("name", "SEPCLOSED0000",
                "lines", new String[] {"2002", "2401"}, "_password", Secret.hash("device-secret")))));
        server.add(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class, Map.of("name", OPEN_DEVICE,
                "lines", new String[] {"2001"}))));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpResponse<String> get(String device, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort + "/" + device
                + ".cnf.xml"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDeviceWithACredentialGetsItsConfigurationOnlyWithIt() throws Exception {
        for (String authorization : new String[] {null, "Basic !!!", basic("SEPCLOSED0000", "wrong"),
            basic("SEP001122334455", "device-secret")}) {
            HttpResponse<String> refused = get("SEPCLOSED0000", authorization);
            assertEquals(401, refused.statusCode(), String.valueOf(authorization));
            assertFalse(refused.body().contains("secret-2002"), refused.body());
        }
        HttpResponse<String> served = get("SEPCLOSED0000", basic("SEPCLOSED0000", "device-secret"));
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains("realm=\"vtgoconnect\""), served.body());
        assertTrue(served.body().contains("number=\"2002\" label=\"\" authName=\"2002\" authHa1Sha256=\""
                + DigestAlgorithm.SHA_256.ha1("2002", "vtgoconnect", "secret-2002") + "\" authHa1Md5=\""
                + DigestAlgorithm.MD5.ha1("2002", "vtgoconnect", "secret-2002") + "\"/>"), served.body());
        assertTrue(served.body().contains("number=\"2401\" label=\"\" authName=\"2401\" authHa1Md5=\""
                + DigestAlgorithm.MD5.ha1("2401", "vtgoconnect", "secret-2401") + "\"/>"), "its one HA1: " + served.body());
        assertFalse(served.body().contains("secret-") || served.body().contains("authPassword"), served.body());
    }

    @Test
    void aDeviceWithoutOneIsServedToAnyClientWithoutTheLinesCredentialsAndAnUnknownOneIs404() throws Exception {
        HttpResponse<String> served = get(OPEN_DEVICE, null);
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains("authName=\"2001\"/>") && !served.body().contains("authHa1"), served.body());
        assertEquals(404, get("SEP999999999999", null).statusCode());
    }
}
