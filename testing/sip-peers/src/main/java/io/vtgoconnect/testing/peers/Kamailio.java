package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** Where it listens for SIP over TLS; 0 when it does not. */
    public final int tlsPort;
    private final List<String> defines;
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
        this(address, port, uasPort, algorithm, configResource, fields, 0, List.of());
    }

    /**
     * Kamailio on 127.0.0.1 that also takes SIP over TLS on {@code tlsPort}, serving the certificate
     * (configuration WITH_TLS of peers/kamailio.cfg); it sends a TLS phone its requests over the
     * connection the phone opened, as a phone without a server certificate of its own needs.
     */
    public static Kamailio withTls(int port, int tlsPort, int uasPort, TestCa.Issued certificate) {
        return withTls(port, tlsPort, uasPort, certificate, true);
    }

    /** As {@link #withTls(int, int, int, TestCa.Issued)}; unless {@code answersPings}, it answers no RFC 5626 ping. */
    public static Kamailio withTls(int port, int tlsPort, int uasPort, TestCa.Issued certificate, boolean answersPings) {
        return new Kamailio("127.0.0.1", port, uasPort, "MD5", "/peers/kamailio.cfg", tlsFields(tlsPort, certificate),
                tlsPort, answersPings ? List.of("-A", "WITH_TLS") : List.of("-A", "WITH_TLS", "-A", "WITHOUT_PONG"));
    }

    /**
     * Kamailio as registrar and proxy on 127.0.0.1 that refuses (403) a REGISTER or INVITE that did
     * not come through an outbound proxy of {@code /peers/kamailio-proxy.cfg}.
     */
    public static Kamailio behindOutboundProxy(int port, int uasPort) {
        return new Kamailio("127.0.0.1", port, uasPort, "MD5", "/peers/kamailio.cfg", Map.of(), 0,
                List.of("-A", "PROXIED_ONLY"));
    }

    /**
     * As {@link #withTls(int, int, int, TestCa.Issued)}, answering 416 (Unsupported URI Scheme) to
     * a request whose Request-URI, or the Contact of a REGISTER or INVITE, is no {@code sips:} URI.
     */
    public static Kamailio withSipsOnly(int port, int tlsPort, int uasPort, TestCa.Issued certificate) {
        return new Kamailio("127.0.0.1", port, uasPort, "MD5", "/peers/kamailio.cfg", tlsFields(tlsPort, certificate),
                tlsPort, List.of("-A", "WITH_TLS", "-A", "SIPS_ONLY"));
    }

    /**
     * As {@link #withTls(int, int, int, TestCa.Issued)}, taking only TLS clients that present a
     * certificate issued by the CA (its tls module verifying and requiring client certificates).
     */
    public static Kamailio withTlsClientCertificates(int port, int tlsPort, int uasPort, TestCa.Issued certificate,
            TestCa clientCa) {
        Map<String, String> fields = new HashMap<>(tlsFields(tlsPort, certificate));
        fields.put("TLS_CA", clientCa.certificate.toString());
        return new Kamailio("127.0.0.1", port, uasPort, "MD5", "/peers/kamailio.cfg", fields, tlsPort,
                List.of("-A", "WITH_TLS", "-A", "WITH_CLIENT_CERTIFICATES"));
    }

    /** What the WITH_TLS part of peers/kamailio.cfg fills in: its TLS port, certificate and key. */
    private static Map<String, String> tlsFields(int tlsPort, TestCa.Issued certificate) {
        return Map.of("TLS_PORT", Integer.toString(tlsPort), "TLS_CERTIFICATE", certificate.certificate().toString(),
                "TLS_KEY", certificate.key().toString());
    }

    private Kamailio(String address, int port, int uasPort, String algorithm, String configResource,
            Map<String, String> fields, int tlsPort, List<String> defines) {
        this.port = port;
        this.address = address;
        this.tlsPort = tlsPort;
        this.defines = defines;
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
        Path pidFile = runDir.resolve("kamailio.pid");
        try {
            // Left by a Kamailio killed: one that finds a process of that pid running refuses to start.
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary, "-DD", "-E", "-f", config.toString(), "-Y",
                runDir.toString(), "-m", "64", "-M", "8", "-P", pidFile.toString()));
        command.addAll(defines);
        process = new PeerProcess("kamailio", command);
        // Its configurations listen on UDP and TCP: a phone over TCP that comes before the TCP listener is refused.
        process.awaitReady("Kamailio", () -> FreePorts.isBound(port) && FreePorts.isListening(port)
                && (tlsPort == 0 || FreePorts.isBound(tlsPort)));
    }

    public void stop() {
        process.close();
    }

    /**
     * Kamailio ends at once, as in a crash (a stop waits for its workers, at times more than 10 s), and starts
     * again on the same ports with nothing in memory: it knows no registration.
     */
    public void restart() {
        process.kill();
        start();
    }

    /** The CPU time so far, in ns, of this Kamailio: its main process and its workers. */
    public long cpuNanos() {
        return process.cpuNanos();
    }

    /** For a failure's message: whether Kamailio still runs, and where its output is. */
    public String state() {
        return process.state();
    }

    /** Kamailio hangs: its sockets and connections stay open, and it answers nothing (SIGSTOP). */
    public void pause() {
        process.pause();
    }

    /** Kamailio runs again after {@link #pause}. */
    public void resume() {
        process.resume();
    }

    @Override
    public void close() {
        stop();
        PeerProcess.deleteTree(runDir);
    }
}
