package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SIPp running one call of a scenario in resources peers/, on loopback. */
public final class Sipp implements AutoCloseable {
    public final int port;
    private final PeerProcess process;

    private Sipp(int port, PeerProcess process) {
        this.port = port;
        this.process = process;
    }

    /** A UAS on the port, ready for its one call; {@code fields} are pairs of a scenario's @NAME@ and its text. */
    public static Sipp uas(int port, String scenario, String... fields) {
        Sipp sipp = new Sipp(port, new PeerProcess("sipp-" + scenario, command(port, scenario, null, null, fields)));
        sipp.process.awaitReady("SIPp " + scenario, () -> FreePorts.isBound(port));
        return sipp;
    }

    /**
     * A UAC that runs its scenario at once towards the proxy, for {@code service} (the scenario's
     * [service]: the number called, or registered); {@code fields} as for {@link #uas}.
     */
    public static Sipp uac(String scenario, int proxyPort, String service, String... fields) {
        int port = FreePorts.udpAndTcp();
        return new Sipp(port, new PeerProcess("sipp-" + scenario,
                command(port, scenario, "127.0.0.1:" + proxyPort, service, fields)));
    }

    /** Registers the number at the registrar with its password, reached at {@code contact} (host:port), and waits for the 200. */
    public static void register(int registrarPort, String number, String password, String contact, int expires) {
        try (Sipp register = uac("register", registrarPort, number, "USER", number, "PASSWORD", password, "CONTACT", contact,
                "EXPIRES", Integer.toString(expires))) {
            register.awaitSuccess();
        }
    }

    private static List<String> command(int port, String scenario, String remote, String service, String... fields) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.binary("sipp", "sip-tester"), "-sf",
                scenarioFile(scenario, fields).toString(), "-i", "127.0.0.1", "-p", Integer.toString(port), "-mp",
                Integer.toString(FreePorts.udpAndTcp(4)), "-m", "1", "-nostdin", "-timeout", "30s", "-trace_err", "-trace_msg",
                // Sends back the RTP it receives, so that the phone's statistics show media both ways.
                "-rtp_echo"));
        if (service != null) {
            command.addAll(List.of("-s", service));
        }
        if (remote != null) {
            command.add(remote);
        }
        return command;
    }

    /** A copy of the scenario of resources peers/ with each @NAME@ of {@code fields} (pairs of a name and its text) filled in. */
    public static Path scenarioFile(String scenario, String... fields) {
        try (InputStream in = Sipp.class.getResourceAsStream("/peers/" + scenario + ".xml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (int i = 0; i < fields.length; i += 2) {
                text = text.replace("@" + fields[i] + "@", fields[i + 1]);
            }
            Files.createDirectories(PeerProcess.OUTPUT);
            Path file = Files.createTempFile(PeerProcess.OUTPUT, scenario, ".xml");
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A UAS running the scenario for every call that comes, for load: unlike {@link #uas} (one
     * call, every message traced) it traces errors only, so that thousands of calls do not fill the
     * disk. With {@code echoRtp} it sends back the RTP it receives on {@code mediaPort}; {@code options}
     * are more of SIPp's (its statistics file, say).
     */
    public static PeerProcess uasForEveryCall(int port, int mediaPort, String scenario, boolean echoRtp, String... options) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.binary("sipp", "sip-tester"), "-sf",
                scenarioFile(scenario).toString(), "-i", "127.0.0.1", "-p", Integer.toString(port), "-mp",
                Integer.toString(mediaPort), "-nostdin", "-trace_err"));
        if (echoRtp) {
            command.add("-rtp_echo");
        }
        command.addAll(List.of(options));
        PeerProcess sipp = new PeerProcess("sipp-" + scenario, command);
        sipp.awaitReady("SIPp " + scenario, () -> FreePorts.isBound(port));
        return sipp;
    }

    /**
     * A UAC placing {@code calls} calls of the scenario file at {@code rate} a second towards the proxy, for
     * {@code service}, for load: like {@link #uasForEveryCall} it traces nothing unless {@code options} (more of
     * SIPp's: its statistics file, say) ask; its media from {@code mediaPort}, and it gives up after
     * {@code timeoutSeconds}. Named {@code sipp-<name>}.
     */
    public static PeerProcess uacForCalls(String name, Path scenarioFile, int proxyPort, int mediaPort, String service,
            int rate, long calls, int timeoutSeconds, String... options) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.binary("sipp", "sip-tester"), "-sf",
                scenarioFile.toString(), "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-mp",
                Integer.toString(mediaPort), "-s", service, "-r", Integer.toString(rate), "-m", Long.toString(calls),
                "-nostdin", "-timeout", timeoutSeconds + "s"));
        command.addAll(List.of(options));
        command.add("127.0.0.1:" + proxyPort);
        return new PeerProcess("sipp-" + name, command);
    }

    /** Waits for SIPp to finish its call and checks the call went as the scenario says. */
    public void awaitSuccess() {
        process.awaitSuccess("SIPp");
    }

    @Override
    public void close() {
        process.close();
    }
}
