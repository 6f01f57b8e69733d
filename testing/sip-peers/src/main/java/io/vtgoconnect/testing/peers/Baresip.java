package io.vtgoconnect.transport.sip.bench;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.PeerProcess;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.net.ExtendedSocketOptions;

/**
 * baresip (Debian's 1.0.0) registered at a Kamailio as {@code number}, headless on loopback, driven
 * over its ctrl_tcp interface: netstring-framed JSON commands, answered by a response and followed
 * by events ({@code CALL_RINGING}, {@code CALL_ESTABLISHED}, {@code CALL_CLOSED}, ...).
 */
final class Baresip implements AutoCloseable {
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path home;
    private final PeerProcess process;
    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private int token;

    Baresip(String number, int kamailioPort, int rtpPortMin) throws IOException {
        home = Files.createTempDirectory("baresip");
        int controlPort = FreePorts.udpAndTcp();
        // Headless: a sine as microphone, ALSA's null device as speaker; loopback only, DNS never asked.
        Files.write(home.resolve("config"), List.of(
                "module_path /usr/lib/baresip/modules",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + FreePorts.udpAndTcp(),
                "audio_player alsa,null",
                "audio_alert alsa,null",
                "audio_source ausine,440",
                "ausrc_srate 48000",
                "ausrc_channels 2",
                "rtp_ports " + rtpPortMin + "-" + (rtpPortMin + 99),
                "dns_server 127.0.0.1:53",
                "net_interface 127.0.0.1",
                "module g711.so",
                "module ausine.so",
                "module alsa.so",
                "module_tmp account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + controlPort));
        Files.write(home.resolve("accounts"), List.of("<sip:" + number + "@127.0.0.1:" + kamailioPort + ">;auth_pass="
                + Kamailio.password(number) + ";regint=3600"));
        process = new PeerProcess("baresip", List.of(PeerProcess.binary("baresip", "baresip"), "-f", home.toString()));
        process.awaitReady("baresip", () -> FreePorts.isBound(controlPort));
        control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
        control.setTcpNoDelay(true);
        in = new BufferedInputStream(control.getInputStream());
        out = control.getOutputStream();
    }

    /** Waits until the account shows as registered ({@code reginfo} prints OK for it). */
    void awaitRegistered() throws IOException {
        long deadline = System.nanoTime() + PhoneEvents.TIMEOUT.toNanos();
        while (!command("reginfo", "").contains("OK")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("baresip did not register within " + PhoneEvents.TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Nanoseconds from sending the dial command to the CALL_ESTABLISHED event. */
    long dialToEstablished(String uri) throws IOException {
        long start = System.nanoTime();
        send("dial", uri);
        awaitEvent("CALL_ESTABLISHED");
        return System.nanoTime() - start;
    }

    /** Hangs up and waits for the call to be closed. */
    void hangUp() throws IOException {
        send("hangup", "");
        awaitEvent("CALL_CLOSED");
    }

    /** Sends a command and returns the data of its response (events before it are skipped). */
    private String command(String name, String params) throws IOException {
        send(name, params);
        while (true) {
            String message = read();
            if (message.contains("\"response\"")) {
                Matcher data = DATA.matcher(message);
                return data.find() ? data.group(1) : "";
            }
        }
    }

    private void send(String command, String params) throws IOException {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"" + ++token + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write((body.length + ":" + json + ",").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void awaitEvent(String type) throws IOException {
        control.setSoTimeout((int) PhoneEvents.TIMEOUT.toMillis());
        while (true) {
            Matcher matcher = TYPE.matcher(read());
            String event = matcher.find() ? matcher.group(1) : "";
            if (event.equals(type)) {
                return;
            }
            if (event.equals("CALL_CLOSED")) {
                throw new IllegalStateException("baresip's call closed while waiting for " + type);
            }
        }
    }

    /** One netstring: length, colon, that many bytes, comma. */
    private String read() throws IOException {
        // baresip writes a response and events in quick succession with Nagle's algorithm on: were
        // this end to delay its ACKs (40 ms on Linux), the later ones would wait for them.
        control.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        int length = 0;
        for (int c; (c = in.read()) != ':';) {
            if (c < '0' || c > '9') {
                throw new IOException("baresip's control connection broke (read " + c + ")");
            }
            length = length * 10 + c - '0';
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(length);
        message.write(in.readNBytes(length));
        in.read(); // the comma
        return message.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            send("quit", "");
        } catch (IOException gone) {
            // it is stopped below anyway
        }
        control.close();
        process.close();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
