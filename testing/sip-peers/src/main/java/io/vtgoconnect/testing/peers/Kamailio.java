package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kamailio as registrar and proxy with digest auth (resource peers/kamailio.cfg, or a test's own
 * configuration with the same placeholders); password of user U is "secret-U".
 */
public final class Kamailio implements AutoCloseable {
    public final int port;
    /** Where it listens, as a SIP URI writes it: {@code 127.0.0.1} or {@code [::1]}. */
    public final String address;
    private final Path config;
    private final Path runDir;
    private PeerProcess process;

    public Kamailio(int port, int uasPort, String algorithm) {
        this(port, uasPort, algorithm, "/peers/kamailio.cfg");
    }

    /** Kamailio with the configuration of the class-path resource, in which @PORT@, @UAS@ and @ALGORITHM@ are filled in. */
    public Kamailio(int port, int uasPort, String algorithm, String configResource) {
        this("127.0.0.1", port, uasPort, algorithm, configResource);
    }

    /** Kamailio as above, with each @NAME@ of {@code fields} filled in too. */
    public Kamailio(int port, int uasPort, String algorithm, String configResource, Map<String, String> fields) {
        this("127.0.0.1", port, uasPort, algorithm, configResource, fields);
    }

    /**
     * Kamailio listening on a loopback address of either family, {@code 127.0.0.1} or {@code [::1]}
     * (@ADDRESS@ of the configuration).
     */
    public Kamailio(String address, int port, int uasPort, String algorithm, String configResource) {
        this(address, port, uasPort, algorithm, configResource, Map.of());
    }

    /** Kamailio on the address, with each @NAME@ of {@code fields} filled in too. */
    public Kamailio(String address, int port, int uasPort, String algorithm, String configResource, Map<String, String> fields) {
        this.port = port;
        this.address = address;
        try (InputStream template = Kamailio.class.getResourceAsStream(configResource)) {
            String text = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@ADDRESS@", address)
                    .replace("@PORT@", Integer.toString(port))
                    .replace("@UAS@", "127.0.0.1:" + uasPort)
                    .replace("@ALGORITHM@", algorithm);
            for (Map.Entry<String, String> field : fields.entrySet()) {
                text = text.replace("@" + field.getKey() + "@", field.getValue());
            }
            runDir = Files.createTempDirectory("kamailio");
            config = runDir.resolve("kamailio.cfg");
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public static String password(String user) {
        return "secret-" + user;
    }

    public void start() {
        String binary = PeerProcess.binary("kamailio", "kamailio");
        process = new PeerProcess("kamailio", List.of(binary, "-DD", "-E", "-f", config.toString(), "-Y",
                runDir.toString(), "-m", "64", "-M", "8", "-P", runDir.resolve("kamailio.pid").toString()));
        process.awaitReady("Kamailio", () -> FreePorts.isBound(port));
    }

    public void stop() {
        process.close();
    }

    @Override
    public void close() {
        stop();
    }
}
