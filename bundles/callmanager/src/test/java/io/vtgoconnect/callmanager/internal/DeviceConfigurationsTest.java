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
 * A device configuration is served to the device alone when the device has a credential; a line
 * configured with its HA1s only is served without a password.
 */
class DeviceConfigurationsTest {
    private final EmbeddedServer server;

    DeviceConfigurationsTest() throws Exception {
        server = new EmbeddedServer();
        server.add(new DirectoryLine(ConfigAnnotations.of(DirectoryLine.Settings.class, Map.of("number", "2401",
                "_ha1_md5", DigestAlgorithm.MD5.hash("2401:vtgoconnect:secret-2401")))));
        server.add(new DirectoryDevice(ConfigAnnotations.of(DirectoryDevice.Settings.class, Map.of("name", "SEPCLOSED0000",
                "lines", new String[] {"2002", "2401"}, "_password", Secret.hash("device-secret")))));
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
        assertTrue(served.body().contains("number=\"2002\" label=\"\" authName=\"2002\" authPassword=\"secret-2002\""),
                served.body());
        assertTrue(served.body().contains("number=\"2401\" label=\"\" authName=\"2401\"/>"), "no password to give: "
                + served.body());
    }

    @Test
    void aDeviceWithoutOneIsServedToAnyClientAndAnUnknownOneIs404() throws Exception {
        assertEquals(200, get(EmbeddedServer.DEVICE, null).statusCode());
        assertEquals(404, get("SEP999999999999", null).statusCode());
    }
}
