package io.vtgoconnect.runtime;

import io.vtgoconnect.testing.peers.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A configuration folder of a test's own, which {@code ./vtgoconnect} reads instead of runtime/etc
 * ({@code VTGOCONNECT_ETC}), so that a test never touches a user's configuration: the deploy
 * watcher, and the embedded call server on free ports (a SIP server the machine runs on 5060 is
 * left alone).
 */
final class RuntimeEtc {
    private static final Path DEFAULTS = Vtgoconnect.HOME.resolve("etc");
    private static final String SERVER = "io.vtgoconnect.callmanager.cfg";
    private static final String PHONE = "io.vtgoconnect.transport.sip.phone.cfg";
    /** The phone's device password, which its configuration names in this folder. */
    private static final String DEVICE_PASSWORD = "io.vtgoconnect.transport.sip.phone.password";
    /** The HTTP service the call server's servlets run on. */
    private static final String HTTP = "org.ops4j.pax.web.cfg";
    private static final String HTTP_PORT = "org.osgi.service.http.port";
    /** The HTTP port of the runtime's properties (features/http.bnd), Jetty's before FileInstall reads {@value #HTTP}. */
    static final int DEFAULT_HTTP_PORT = 6970;

    final Path folder;
    final int sipPort;
    final int httpPort;

    private RuntimeEtc(Path folder, int sipPort, int httpPort) {
        this.folder = folder;
        this.sipPort = sipPort;
        this.httpPort = httpPort;
    }

    /** The folder {@code etc} in the test's directory, made on first use. */
    static RuntimeEtc in(Path directory) {
        Path folder = directory.resolve("etc");
        Path server = folder.resolve(SERVER);
        try {
            if (Files.exists(server)) {
                Path http = folder.resolve(HTTP);
                return new RuntimeEtc(folder, port(Files.readAllLines(server), "sip.port"),
                        Files.exists(http) ? port(Files.readAllLines(http), HTTP_PORT) : DEFAULT_HTTP_PORT);
            }
            Files.createDirectories(folder);
            Files.copy(DEFAULTS.resolve("org.apache.felix.fileinstall-deploy.cfg"),
                    folder.resolve("org.apache.felix.fileinstall-deploy.cfg"));
            RuntimeEtc etc = new RuntimeEtc(folder, FreePorts.udpAndTcp(), FreePorts.udpAndTcp());
            etc.write(SERVER, "sip.port=" + etc.sipPort);
            // The runtime's Jetty additions (its connection limit), as runtime/etc has them.
            Files.copy(DEFAULTS.resolve("jetty.xml"), folder.resolve("jetty.xml"));
            etc.write(HTTP, HTTP_PORT + "=" + etc.httpPort, "org.ops4j.pax.web.listening.addresses=127.0.0.1",
                    "org.ops4j.pax.web.config.file=" + folder.resolve("jetty.xml"));
            return etc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FileInstall watches {@code deploy} in place of runtime/deploy, with the rest of runtime/etc's deploy configuration. */
    RuntimeEtc withDeployFolder(Path deploy) {
        String name = "org.apache.felix.fileinstall-deploy.cfg";
        try {
            write(name, Files.readAllLines(DEFAULTS.resolve(name)).stream()
                    .map(line -> line.startsWith("felix.fileinstall.dir=") ? "felix.fileinstall.dir=" + deploy : line)
                    .toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Leaves out {@value #HTTP}: Jetty then runs as it does at its first start, on the runtime's properties alone. */
    RuntimeEtc withoutHttpConfiguration() {
        try {
            Files.delete(folder.resolve(HTTP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuntimeEtc(folder, sipPort, DEFAULT_HTTP_PORT);
    }

    private static int port(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1))
                .mapToInt(Integer::parseInt).findFirst().orElseThrow();
    }

    /**
     * Adds runtime/etc's directory (the default device, lines, users, endpoints and the ACD), the
     * phone with its device password and the Extension Mobility and IPCC clients, pointed at this server.
     */
    RuntimeEtc withDefaults() {
        withServerDirectory();
        try {
            List<String> phone = Files.readAllLines(DEFAULTS.resolve(PHONE)).stream()
                    .map(line -> line.startsWith("provisioning.url=") ? "provisioning.url=http://127.0.0.1:" + httpPort : line)
                    .toList();
            Files.write(folder.resolve(PHONE), Stream.concat(phone.stream(),
                    Stream.of("sip.port=" + FreePorts.udpAndTcp())).toList());
            Files.copy(DEFAULTS.resolve(DEVICE_PASSWORD), folder.resolve(DEVICE_PASSWORD));
            write("io.vtgoconnect.em.cfg", "service.url=http://127.0.0.1:" + httpPort + "/emservice/EMServiceServlet");
            write("io.vtgoconnect.ipcc.cfg", "server.url=http://127.0.0.1:" + httpPort + "/finesse");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds runtime/etc's directory of the call server: its lines, device, users, endpoints and the ACD. */
    RuntimeEtc withServerDirectory() {
        try (Stream<Path> files = Files.list(DEFAULTS)) {
            // The directory's files; the server's own settings stay this folder's (its free ports).
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("io.vtgoconnect.callmanager.")
                    && !file.getFileName().toString().equals(SERVER)).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a farm of {@code count} phones, phone1, phone2, ... with lines 3000, 3001, ... registered with
     * this server (which the same configuration gives their directory), their passwords from a pattern in
     * a file, and a user of the remote API ({@link #withApiUser()}).
     */
    RuntimeEtc withFarm(int count, String... moreSettings) {
        try {
            Path password = Files.writeString(folder.resolve("farm.password"), "farm-{line}-secret\n");
            List<String> farm = new java.util.ArrayList<>(List.of("count=" + count, "line.first=3000",
                    "registrar=127.0.0.1:" + sipPort, "password.file=" + password, "sip.port.first=" + FreePorts.udpAndTcp(count),
                    "rtp.port.min=40000", "rtp.port.max=40999", "agent=agent{n}"));
            farm.addAll(List.of(moreSettings));
            write("io.vtgoconnect.farm-agents.cfg", farm.toArray(String[]::new));
            return withApiUser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a user of the remote API, {@link #API_USER} with {@link #API_PASSWORD}. */
    RuntimeEtc withApiUser() {
        write("io.vtgoconnect.remote.user-" + API_USER + ".cfg", "name=" + API_USER,
                ".password=" + io.vtgoconnect.api.secret.PasswordHash.of(API_PASSWORD));
        return this;
    }

    /** The remote API at this runtime's HTTP port. */
    java.net.URI api() {
        return java.net.URI.create("ws://127.0.0.1:" + httpPort + "/vtgo/api");
    }

    static final String API_USER = "ci";
    static final String API_PASSWORD = "ci-s3cret";

    /** Writes a configuration file (one {@code key=value} a line). */
    void write(String name, String... lines) {
        try {
            Files.write(folder.resolve(name), List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
