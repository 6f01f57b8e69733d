package io.vtgoconnect.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.secret.PasswordHash;
import io.vtgoconnect.client.VtgoClient;
import io.vtgoconnect.client.VtgoClient.UntrustedServerException;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Embedding steps, run as written: Karaf unpacked from Maven, configured in etc/ (on
 * free ports, loopback only, reading this build's repository), the features added and installed
 * with bin/client, the vtgo commands used against the embedded call server, the remote API over
 * Karaf's HTTP service (ws:// and wss://), a feature uninstalled with its commands, and Karaf stopped.
 */
class KarafFeaturesIT {
    private static final Path ROOT = Path.of(System.getProperty("vtgoconnect.root"));
    private static final String CLIENT = "bin/client -u vtgo -p vtgo-karaf ";
    private static final String NOT_A_COMMAND = "Error : ERROR_INVALID_COMMAND(3) - \"vtgo:emlogin\" is not a command";
    private static final String API_USER = "ci";
    private static final String API_PASSWORD = "ci-karaf-s3cret";

    private int httpPort;
    private int httpsPort;
    private TestCa ca;

    @TempDir
    Path folder;
    private final String readme = embeddingSection();

    @Test
    void theFeaturesInstallTheirCommandsAndTakeThemAwayWhenUninstalled() throws Exception {
        try (Karaf karaf = Karaf.unpack(Path.of(System.getProperty("karaf.distribution")), folder)) {
            configure(karaf);
            karaf.start(step("bin/start"));

            String added = karaf.run(step("bin/client -r 30 -u vtgo -p vtgo-karaf "
                    + "'feature:repo-add mvn:io.vtgoconnect/vtgoconnect-features/1.0.0-SNAPSHOT/xml/features'"));
            assertTrue(added.contains("Adding feature url mvn:io.vtgoconnect/vtgoconnect-features/1.0.0-SNAPSHOT/xml/features"), added);
            String installed = karaf.run(step(CLIENT
                    + "'feature:install vtgoconnect-shell vtgoconnect-phone vtgoconnect-em vtgoconnect-ipcc vtgoconnect-callmanager "
                    + "vtgoconnect-remote'"));
            assertFalse(installed.contains("Error"), installed);

            String help = karaf.run(step(CLIENT + "'vtgo:help'"));
            assertTrue(lists(help, "MakeCall") && lists(help, "WaitFor") && lists(help, "EMLogin") && lists(help, "IPCCState"), help);

            String started = karaf.run(step(CLIENT + "'vtgo:runprogram; vtgo:waitfor \"Connected to CallManager\"'"));
            assertTrue(started.lines().toList().containsAll(List.of("Event : Connected to softphone",
                    "Event : Connected to CallManager")) && !started.contains("Timeout"), started);

            String call = karaf.run(step(CLIENT + "'vtgo:makecall 2004; vtgo:waitfor TsConnected'"));
            assertTrue(call.lines().anyMatch(line -> line.startsWith("Event : LineUpdate, Line=1(2001), Button=1, State=3(TsRingOut)")
                    && line.endsWith("OtherParty=2004")), call);
            assertTrue(call.lines().anyMatch(line -> line.startsWith("Event : LineUpdate, Line=1(2001), Button=1, State=5(TsConnected)")
                    && line.endsWith("Direction=outgoing, OtherParty=2004")) && !call.contains("Timeout"), call);

            driveTheFarm(karaf);
            try {
                driveTheFarmRemotely();
            } catch (IOException e) {
                throw new AssertionError(e.getMessage() + "\nKaraf's last warnings and lines about /vtgo and WebSockets:\n"
                        + karaf.logWarnings() + "\nKaraf's servlets and the remote API's endpoint service:\n"
                        + karaf.execute(List.of("bin/client", "-u", "vtgo", "-p", "vtgo-karaf",
                                "http:list; service:list io.vtgoconnect.remote.internal.RemoteEndpoint")), e);
            }

            // Karaf's conventions: help of a command, a refusal and a wait that times out fail the client.
            Karaf.Outcome flag = karaf.execute(step(CLIENT + "'vtgo:makecall --help'"));
            assertTrue(flag.output().lines().anyMatch(line -> line.strip().equals("MakeCall destination"))
                    && !flag.output().contains("TsProceed") && flag.exitCode() == 0, flag::toString);
            karaf.run(step(CLIENT + "'help vtgo:makecall'"));
            Karaf.Outcome hold = karaf.execute(step(CLIENT + "'vtgo:hold --help'"));
            assertTrue(hold.output().lines().anyMatch(line -> line.strip().equals("Hold")) && hold.exitCode() == 0, hold::toString);
            Karaf.Outcome tooMany = karaf.execute(step(CLIENT + "'vtgo:hold 1 2'"));
            assertTrue(answers(tooMany, "Error : ERROR_INVALID_COMMAND(3) - Hold takes at most 0 arguments, 2 given: Hold.")
                    && tooMany.exitCode() != 0, tooMany::toString);
            // Karaf's help prints only in a session with a terminal: typed, as a user does.
            List<String> session = List.of("bin/client", "-u", "vtgo", "-p", "vtgo-karaf");
            String holdHelp = karaf.type(session, "help vtgo:hold", "Puts active call on hold.");
            assertTrue(holdHelp.lines().anyMatch(line -> shown(line).equals("Hold")), holdHelp);
            String scope = karaf.type(session, "help vtgo", "  Answer [callRefID] ");
            assertTrue(scope.contains("Commands (type help <command> for its detail):") && lists(scope, "CallStats"), scope);
            String lines = karaf.run(List.of("bin/client", "-u", "vtgo", "-p", "vtgo-karaf",
                    "vtgo:snapshot; vtgo:waitfor Speeddial=4"));
            assertTrue(lines.contains("Line=2(2301), Button=2, State=0(TsIdle)"), "help placed no call: " + lines);
            Karaf.Outcome refused = karaf.execute(step(CLIENT + "'vtgo:resume'"));
            assertTrue(answers(refused, "Error : ERROR_NO_CALL(6) - ") && refused.exitCode() != 0, refused::toString);
            Karaf.Outcome timedOut = karaf.execute(step(CLIENT + "'vtgo:waitfor TsRingIn 1'"));
            assertTrue(answers(timedOut, "Timeout : ") && timedOut.exitCode() != 0, timedOut::toString);

            String uninstalled = karaf.run(step(CLIENT + "'feature:uninstall vtgoconnect-em'"));
            assertFalse(uninstalled.contains("Error"), uninstalled);
            help = karaf.run(List.of("bin/client", "-u", "vtgo", "-p", "vtgo-karaf", "vtgo:help"));
            assertTrue(lists(help, "MakeCall") && !lists(help, "EMLogin") && !lists(help, "EMLogout"), help);
            String login = karaf.run(step(CLIENT + "'vtgo:emlogin jsmith 123456'"));
            assertTrue(login.lines().anyMatch(line -> line.startsWith(NOT_A_COMMAND)), login);

            karaf.run(step("bin/stop"));
            assertTrue(karaf.awaitStopped(), "Karaf still runs " + Karaf.TIMEOUT.toSeconds() + " s after bin/stop");
        }
    }

    /** A line of the session's output begins so; the phones' events (keep-alives) may print before it. */
    private static boolean answers(Karaf.Outcome outcome, String beginning) {
        return outcome.output().lines().anyMatch(line -> line.startsWith(beginning));
    }

    /**
     * The farm of two phones beside the default one, driven from Karaf's console: each command names
     * its phone with --phone, phone1 calls phone2's line 3001, and the events of the phones other
     * than the session's begin with their name.
     */
    private void driveTheFarm(Karaf karaf) throws Exception {
        for (String phone : List.of("phone1", "phone2")) {
            String started = vtgo(karaf, "vtgo:runprogram --phone " + phone + "; vtgo:waitfor \"[" + phone
                    + "] Event : Connected to CallManager\"");
            assertFalse(started.contains("Timeout"), started);
        }
        String rings = vtgo(karaf, "vtgo:makecall --phone phone1 3001; vtgo:waitfor \"[phone2] Event : IncomingCall\"");
        assertTrue(rings.lines().anyMatch(line -> line.startsWith("[phone2] Event : IncomingCall, CallRef=")
                && line.endsWith(", Line=3001, CallerID=3000")), rings);
        String answered = vtgo(karaf, "vtgo:answer -p phone2; vtgo:waitfor \"State=5(TsConnected)\"");
        assertTrue(answered.lines().anyMatch(line -> line.startsWith("[phone2] Event : LineUpdate, Line=1(3001), Button=1, "
                + "State=5(TsConnected)")), answered);
        String phones = vtgo(karaf, "vtgo:phones");
        assertTrue(phones.lines().anyMatch(line -> line.startsWith("  phone2 ") && line.endsWith("line 3001, 1 call")), phones);
        String ended = vtgo(karaf, "vtgo:endcall --phone phone2; vtgo:waitfor \"[phone1] Event : PartyHangup\"");
        assertTrue(ended.lines().anyMatch(line -> line.startsWith("[phone1] Event : PartyHangup")), ended);
    }

    /**
     * The remote API as Karaf serves it: a client logs in over ws:// and calls phone2 from phone1,
     * one that trusts the test CA runs a command over wss://, and one that does not is refused.
     */
    private void driveTheFarmRemotely() throws Exception {
        try (VtgoClient client = VtgoClient.connect(URI.create("ws://127.0.0.1:" + httpPort + "/vtgo/api"), Karaf.TIMEOUT)) {
            client.login(API_USER, API_PASSWORD);
            client.run("phone1", "MakeCall", "3001");
            Map<String, Object> ringing = client.waitFor(Map.of("phones", List.of("phone2"), "states", List.of("TsRingIn")),
                    Karaf.TIMEOUT);
            assertTrue(String.valueOf(ringing.get("text")).startsWith("Event : LineUpdate, Line=1(3001), Button=1, State=4(TsRingIn)"),
                    ringing::toString);
            client.run("phone1", "EndCall");
            client.waitFor(Map.of("phones", List.of("phone2"), "events", List.of("PartyHangup")), Karaf.TIMEOUT);
        }
        URI secure = URI.create("wss://127.0.0.1:" + httpsPort + "/vtgo/api");
        try (VtgoClient client = VtgoClient.connect(secure, Karaf.TIMEOUT, VtgoClient.trusting(ca.certificate))) {
            client.login(API_USER, API_PASSWORD);
            client.run("phone2", "Snapshot");
            Map<String, Object> line = client.waitFor(Map.of("phones", List.of("phone2"), "events", List.of("LineUpdate")),
                    Karaf.TIMEOUT);
            assertEquals("phone2", line.get("phone"));
            assertEquals("3001", line.get("number"), line::toString);
        }
        UntrustedServerException refused = assertThrows(UntrustedServerException.class, () -> VtgoClient.connect(secure).close());
        assertTrue(refused.getMessage().startsWith("Cannot connect to " + secure + ": the server's TLS certificate is not "
                + "issued by a CA this client trusts ("), refused::getMessage);
    }

    private static String vtgo(Karaf karaf, String commands) throws Exception {
        return karaf.run(List.of("bin/client", "-u", "vtgo", "-p", "vtgo-karaf", commands));
    }

    /** Step 3 of the README, on free ports and with this build's repository in place of ~/.m2. */
    private void configure(Karaf karaf) throws IOException {
        step("cp ../runtime/etc/io.vtgoconnect.* etc/");
        try (Stream<Path> files = Files.list(ROOT.resolve("runtime/etc"))) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("io.vtgoconnect.")).toList()) {
                Files.copy(file, karaf.home.resolve("etc").resolve(file.getFileName()));
            }
        }
        step("cp ../runtime/etc/org.ops4j.pax.web.cfg etc/");
        Files.copy(ROOT.resolve("runtime/etc/org.ops4j.pax.web.cfg"), karaf.home.resolve("etc/org.ops4j.pax.web.cfg"));
        step("javax.servlet.context.tempdir = ${karaf.data}/pax-web/tmp");
        karaf.set("org.ops4j.pax.web.cfg", "javax.servlet.context.tempdir", "${karaf.data}/pax-web/tmp");
        step("voicemail.folder = ${karaf.data}/voicemail");
        karaf.set("io.vtgoconnect.callmanager.cfg", "voicemail.folder", "${karaf.data}/voicemail");
        httpPort = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        karaf.set("io.vtgoconnect.callmanager.cfg", "sip.port", Integer.toString(sipPort));
        karaf.set("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        karaf.set("io.vtgoconnect.transport.sip.phone.cfg", "provisioning.url", "http://127.0.0.1:" + httpPort);
        karaf.set("io.vtgoconnect.transport.sip.phone.cfg", "sip.port", Integer.toString(FreePorts.udpAndTcp()));
        // A farm of two phones, lines 3000 and 3001, in the call server's directory too.
        Path password = Files.writeString(folder.resolve("farm.password"), "farm-{line}-secret\n");
        Files.write(karaf.home.resolve("etc/io.vtgoconnect.farm-pair.cfg"), List.of("count=2", "line.first=3000",
                "password.file=" + password, "registrar=127.0.0.1:" + sipPort, "sip.port.first=" + FreePorts.udpAndTcp(2),
                "rtp.port.min=40000", "rtp.port.max=40999"));

        // The remote API: a user, and wss:// with a key store of a certificate the test CA issues now.
        step("etc/io.vtgoconnect.remote.user-ci.cfg");
        Files.write(karaf.home.resolve("etc/io.vtgoconnect.remote.user-ci.cfg"), List.of("name=" + API_USER,
                ".password=" + PasswordHash.of(API_PASSWORD)));
        Path tls = Files.createDirectories(folder.resolve("tls"));
        ca = new TestCa(tls, "vtgo-test-ca");
        String storePassword = "https-store-" + FreePorts.udpAndTcp();
        Path keyStore = ca.keyStore(ca.issue("https", "127.0.0.1"), tls.resolve("https.p12"), storePassword.toCharArray());
        httpsPort = FreePorts.udpAndTcp();
        for (String[] setting : new String[][] {{"org.osgi.service.http.secure.enabled", "true"},
                {"org.osgi.service.http.port.secure", Integer.toString(httpsPort)}, {"org.ops4j.pax.web.ssl.keystore", keyStore.toString()},
                {"org.ops4j.pax.web.ssl.keystore.type", "PKCS12"}, {"org.ops4j.pax.web.ssl.keystore.password", storePassword},
                {"org.ops4j.pax.web.ssl.key.password", storePassword}}) {
            step(setting[0] + " = ");
            karaf.set("org.ops4j.pax.web.cfg", setting[0], setting[1]);
        }

        // Pax Web's whiteboard says in its debug lines why an element waits or is left out: a failure shows them.
        karaf.set("org.ops4j.pax.logging.cfg", "log4j2.logger.paxwebwhiteboard.name", "org.ops4j.pax.web.extender.whiteboard");
        karaf.set("org.ops4j.pax.logging.cfg", "log4j2.logger.paxwebwhiteboard.level", "DEBUG");

        step("sshHost = 127.0.0.1");
        karaf.set("org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        karaf.set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(FreePorts.udpAndTcp()));
        karaf.set("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(FreePorts.udpAndTcp()));
        karaf.set("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(FreePorts.udpAndTcp()));
        List<String> user = List.of("vtgo = vtgo-karaf,_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
        user.forEach(this::step);
        karaf.append("users.properties", user);

        // Nothing from the network: Karaf's own system folder, then the repository this build made.
        karaf.set("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                        + Path.of(System.getProperty("karaf.repository")).toUri() + "@id=vtgoconnect@snapshots");
        karaf.set("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        karaf.set("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", "${karaf.data}/repository");
    }

    /** A line of the README's Embedding section, checked to be there, as a command's words ('...' is one). */
    private List<String> step(String line) {
        assertTrue(readme.contains(line), () -> "The README's Embedding section does not say: " + line);
        List<String> words = new ArrayList<>();
        String[] quoted = line.split("'", -1);
        for (int i = 0; i < quoted.length; i++) {
            if (i % 2 == 1) {
                words.add(quoted[i]);
            } else {
                Stream.of(quoted[i].strip().split(" +")).filter(word -> !word.isEmpty()).forEach(words::add);
            }
        }
        return words;
    }

    private static String embeddingSection() {
        try {
            String readme = Files.readString(ROOT.resolve("README.md"));
            int start = readme.indexOf("\n## Embedding\n");
            int end = readme.indexOf("\n## ", start + 1);
            return readme.substring(start, end < 0 ? readme.length() : end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether vtgo:help has a line for the command: its usage, then its summary. */
    private static boolean lists(String help, String command) {
        return help.lines().anyMatch(line -> shown(line).startsWith(command + " "));
    }

    /**
     * A line as the screen shows it: without the prompts before it, which a typed session's client redraws
     * and which at times share a line with the output that follows them.
     */
    private static String shown(String line) {
        return line.replaceAll("^.*@root\\(\\)>", "").strip();
    }
}
