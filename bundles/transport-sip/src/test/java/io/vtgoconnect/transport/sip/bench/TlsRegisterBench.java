package io.vtgoconnect.transport.sip.bench;

import static io.vtgoconnect.transport.sip.bench.BenchSupport.millis;
import static io.vtgoconnect.transport.sip.bench.BenchSupport.percentile;

import io.vtgoconnect.api.transport.SoftphoneTransport;
import io.vtgoconnect.sipstack.SipTls;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.TestCa;
import io.vtgoconnect.transport.sip.internal.BenchAccess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Benchmark, not a test: what TLS costs a line against Kamailio's tls module, beside TCP on the same
 * Kamailio. First connections alone, for the given seconds each: TCP connects a second, and TLS
 * handshakes a second (connect, handshake with the phone's own TLS context and its certificate
 * checks, close). Then registrations: a phone is started with one line and stopped again, N times
 * each over UDP, TCP and TLS, each timed from start to Connected to CallManager (a new connection, the
 * 401 challenge and the REGISTER again with credentials; no connection over UDP). Prints the rates, and the p50 and p90 of
 * each registration and their difference. Run it with {@code bench/tls-register.sh}.
 *
 * <p>Arguments: {@code [--registrations N] [--seconds S]}: N registrations each (30), S seconds of
 * connections each (5).
 */
public final class TlsRegisterBench {
    private static final String NUMBER = "2001";
    private static final String TRUST_PASSWORD = "bench-trust";

    private TlsRegisterBench() {
    }

    public static void main(String[] args) throws Exception {
        int registrations = 30;
        int seconds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--registrations" -> registrations = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path folder = Files.createTempDirectory("tls-bench");
        TestCa ca = new TestCa(folder, "Bench-CA");
        Path trustStore = ca.trustStore(folder.resolve("trust.p12"), TRUST_PASSWORD.toCharArray());
        try (Kamailio kamailio = Kamailio.withTls(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), FreePorts.udpAndTcp(),
                ca.issue("kamailio", "127.0.0.1"))) {
            SipTls tls = SipTls.trusting(0, Optional.of(trustStore), TRUST_PASSWORD.toCharArray());
            double connects = perSecond(seconds, () -> connect(kamailio.port, null));
            double handshakes = perSecond(seconds, () -> connect(kamailio.tlsPort, tls));
            System.out.printf(Locale.ROOT, "connections to Kamailio, %d s each: TCP %.0f connects/s, TLS %.1f handshakes/s "
                    + "(%.2f ms a handshake)%n", seconds, connects, handshakes, 1000 / handshakes);

            long[] udp = new long[registrations];
            long[] tcp = new long[registrations];
            long[] overTls = new long[registrations];
            Object[] tlsSettings = {"sip_tls_port", null, "tls_truststore", trustStore.toString(),
                "tls_truststore_password_file", BenchAccess.passwordFile(TRUST_PASSWORD)};
            for (int i = 0; i < registrations; i++) {
                udp[i] = register("127.0.0.1:" + kamailio.port, SipTransportKind.UDP);
                tcp[i] = register("127.0.0.1:" + kamailio.port, SipTransportKind.TCP);
                tlsSettings[1] = FreePorts.udpAndTcp();
                overTls[i] = register("127.0.0.1:" + kamailio.tlsPort, SipTransportKind.TLS, tlsSettings);
            }
            Arrays.sort(udp);
            Arrays.sort(tcp);
            Arrays.sort(overTls);
            System.out.printf(Locale.ROOT, "registration, start to Connected to CallManager, %d each: UDP p50 %.1f ms p90 "
                    + "%.1f ms; TCP p50 %.1f ms p90 %.1f ms; TLS p50 %.1f ms p90 %.1f ms; TLS costs %.1f ms more than UDP "
                    + "and %.1f ms more than TCP at p50%n", registrations, millis(percentile(udp, 50)),
                    millis(percentile(udp, 90)), millis(percentile(tcp, 50)), millis(percentile(tcp, 90)),
                    millis(percentile(overTls, 50)), millis(percentile(overTls, 90)),
                    millis(percentile(overTls, 50) - percentile(udp, 50)),
                    millis(percentile(overTls, 50) - percentile(tcp, 50)));
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static double perSecond(int seconds, Attempt attempt) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        int count = 0;
        while (System.nanoTime() < end) {
            attempt.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** One connection, with a full TLS handshake when {@code tls} is given, then closed. */
    private static void connect(int port, SipTls tls) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            if (tls != null) {
                try (SSLSocket secured = (SSLSocket) tls.context().getSocketFactory().createSocket(socket, "127.0.0.1", port,
                        false)) {
                    SSLParameters parameters = secured.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    secured.setSSLParameters(parameters);
                    secured.startHandshake();
                }
            }
        }
    }

    /** Nanoseconds from starting a phone with the line to its Connected to CallManager; the phone is stopped after. */
    private static long register(String registrar, SipTransportKind transport, Object... settings) {
        SoftphoneTransport phone = BenchAccess.phone(FreePorts.udpAndTcp(), NUMBER, registrar, transport, settings);
        PhoneEvents events = new PhoneEvents();
        long start = System.nanoTime();
        phone.start(events);
        try {
            events.awaitRegistered();
            return System.nanoTime() - start;
        } finally {
            phone.stop();
        }
    }
}
