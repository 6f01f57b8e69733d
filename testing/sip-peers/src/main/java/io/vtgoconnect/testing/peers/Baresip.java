package io.vtgoconnect.testing.peers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.net.ExtendedSocketOptions;

/**
 * baresip (Debian's 1.0.0) registered at a registrar on loopback as {@code number}, headless,
 * driven over its ctrl_tcp interface: netstring-framed JSON commands, answered by a response and
 * followed by events ({@code CALL_INCOMING}, {@code CALL_ESTABLISHED}, {@code CALL_CLOSED}, ...).
 * It either says a sine (its {@code ausine} source, whose frequency the test chooses) or echoes
 * every call it is sent back to the caller (its {@code echo} module over {@code aubridge}, which
 * answers at once), in the audio codecs and with the media encryption the test names.
 */
public final class Baresip implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * What baresip does with its calls.
     *
     * @param sineHertz the frequency of the sine it says, or 0 to echo what it hears (and answer every call)
     * @param audioCodecs the account's {@code audio_codecs}, e.g. {@code G722} or {@code opus/48000/2,PCMU}; empty: all
     * @param mediaEncryption the account's {@code mediaenc}: empty (none), {@code srtp} (best effort, RTP/AVP) or
     *        {@code srtp-mand} (RTP/SAVP)
     */
    public record Options(int sineHertz, String audioCodecs, String mediaEncryption) {
        public static Options sine(int hertz) {
            return new Options(hertz, "", "");
        }

        public static Options echo() {
            return new Options(0, "", "");
        }

        public Options codecs(String names) {
            return new Options(sineHertz, names, mediaEncryption);
        }

        public Options encryption(String mediaenc) {
            return new Options(sineHertz, audioCodecs, mediaenc);
        }

        boolean echoes() {
            return sineHertz == 0;
        }
    }

    private final Path home;
    private final PeerProcess process;
    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> events = new ArrayList<>();
    private int token;

    /** baresip saying a 440 Hz sine in any of its codecs, with plain RTP. */
    public Baresip(String number, int registrarPort, int rtpPortMin) throws IOException {
        this(number, registrarPort, rtpPortMin, Options.sine(440));
    }

    public Baresip(String number, int registrarPort, int rtpPortMin, Options options) throws IOException {
        home = Files.createTempDirectory("baresip");
        int controlPort = FreePorts.udpAndTcp();
        // Headless, loopback only, DNS never asked (nothing is looked up: every address is a literal).
        List<String> config = new ArrayList<>(List.of(
                "module_path /usr/lib/baresip/modules",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + FreePorts.udpAndTcp(),
                "rtp_ports " + rtpPortMin + "-" + (rtpPortMin + 99),
                "dns_server 127.0.0.1:53",
                "net_interface 127.0.0.1",
                "module g711.so",
                "module g722.so",
                "module opus.so",
                "module srtp.so",
                "module_tmp account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + controlPort));
        if (options.echoes()) {
            // echo answers each call and plays what it hears into an aubridge device that is also the call's
            // source; both at the codec's own rate, which the bridge needs to be the same.
            config.addAll(List.of("module aubridge.so", "module_app echo.so", "audio_player aubridge,nil",
                    "audio_source aubridge,nil", "audio_alert aubridge,nil"));
        } else {
            // ausine says its sine in 48 kHz stereo only.
            config.addAll(List.of("module ausine.so", "module alsa.so", "audio_player alsa,null", "audio_alert alsa,null",
                    "audio_source ausine," + options.sineHertz(), "ausrc_srate 48000", "ausrc_channels 2"));
        }
        Files.write(home.resolve("config"), config);
        Files.write(home.resolve("accounts"), List.of("<sip:" + number + "@127.0.0.1:" + registrarPort + ">;auth_pass="
                + Kamailio.password(number) + ";regint=3600"
                + (options.audioCodecs().isEmpty() ? "" : ";audio_codecs=" + options.audioCodecs())
                + (options.mediaEncryption().isEmpty() ? "" : ";mediaenc=" + options.mediaEncryption())));
        process = new PeerProcess("baresip", List.of(PeerProcess.binary("baresip", "baresip"), "-f", home.toString()));
        process.awaitReady("baresip", () -> FreePorts.isBound(controlPort));
        control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
        control.setTcpNoDelay(true);
        in = new BufferedInputStream(control.getInputStream());
        out = control.getOutputStream();
    }

    /** Where what baresip printed is kept. */
    public Path log() {
        return process.log();
    }

    /** Waits until the account shows as registered ({@code reginfo} prints OK for it). */
    public void awaitRegistered() throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!command("reginfo", "").contains("OK")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("baresip did not register within " + TIMEOUT.toSeconds() + " s; see " + log());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Calls the SIP URI. */
    public void dial(String uri) throws IOException {
        send("dial", uri);
    }

    /** Nanoseconds from sending the dial command to the CALL_ESTABLISHED event. */
    public long dialToEstablished(String uri) throws IOException {
        long start = System.nanoTime();
        dial(uri);
        awaitEvent("CALL_ESTABLISHED");
        return System.nanoTime() - start;
    }

    /** Answers the call ringing in. */
    public void answer() throws IOException {
        send("accept", "");
    }

    /** Hangs up and waits for the call to be closed. */
    public void hangUp() throws IOException {
        send("hangup", "");
        awaitEvent("CALL_CLOSED");
    }

    /**
     * Waits for the next event of the type, and returns what it says ({@code param}, e.g. a closed
     * call's reason), skipping others; a call closed while waiting for another event fails.
     */
    public String awaitEvent(String type) throws IOException {
        control.setSoTimeout((int) TIMEOUT.toMillis());
        while (true) {
            String message;
            try {
                message = read();
            } catch (SocketTimeoutException e) {
                throw new IllegalStateException("baresip sent no " + type + " within " + TIMEOUT.toSeconds() + " s; see "
                        + log(), e);
            }
            Matcher matcher = TYPE.matcher(message);
            String event = matcher.find() ? matcher.group(1) : "";
            events.add(message);
            if (event.equals(type)) {
                return message;
            }
            if (event.equals("CALL_CLOSED")) {
                throw new IllegalStateException("baresip's call closed while waiting for " + type + ": " + message);
            }
        }
    }

    /** Every event seen so far, as baresip sent it. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** Sends a command and returns the data of its response (events before it are kept). */
    private String command(String name, String params) throws IOException {
        send(name, params);
        control.setSoTimeout((int) TIMEOUT.toMillis());
        while (true) {
            String message = read();
            if (message.contains("\"response\"")) {
                Matcher data = DATA.matcher(message);
                return data.find() ? data.group(1) : "";
            }
            events.add(message);
        }
    }

    private void send(String command, String params) throws IOException {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"" + ++token + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write((body.length + ":" + json + ",").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
        PeerProcess.deleteTree(home);
    }
}
