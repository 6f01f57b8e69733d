package io.vtgoconnect.runtime;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Sipp;
import java.nio.file.Path;

/**
 * Kamailio on loopback as the runtime's call server, a SIPp UAS behind it that answers one call
 * to a number starting with 9 and echoes its audio, and line {@value #NUMBER} and the phone
 * configured for them in the test's configuration folder. Closing stops the peers.
 */
final class CallServer implements AutoCloseable {
    static final String NUMBER = "2001";

    private final RuntimeEtc etc;
    private Kamailio kamailio;
    private Sipp uas;

    /** @param directory the test's directory, where {@code ./vtgoconnect} is run */
    CallServer(Path directory) {
        etc = RuntimeEtc.in(directory);
        try {
            int uasPort = FreePorts.udpAndTcp();
            kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");
            uas = Sipp.uas(uasPort, "uas-answer");
            // A keep-alive a second gives the tests a clock they can wait on: Event : ConnectionKeepAlive each second.
            write("io.vtgoconnect.transport.sip.line-it" + NUMBER + ".cfg", "number=" + NUMBER,
                    "registrar=127.0.0.1:" + kamailio.port, "password.file=" + passwordFile(Kamailio.password(NUMBER)),
                    "keepalive.interval=1");
            write("io.vtgoconnect.transport.sip.phone.cfg", "sip.port=" + FreePorts.udpAndTcp());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** A file of the test's configuration folder holding the password. */
    private Path passwordFile(String password) {
        Path file = etc.folder.resolve("line-" + NUMBER + ".password");
        try {
            return java.nio.file.Files.writeString(file, password + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for the UAS to finish its call and checks it went as its scenario says. */
    void awaitCallEnded() {
        uas.awaitSuccess();
    }

    private void write(String name, String... lines) {
        etc.write(name, lines);
    }

    @Override
    public void close() {
        try {
            if (uas != null) {
                uas.close();
            }
        } finally {
            if (kamailio != null) {
                kamailio.close();
            }
        }
    }
}
