package io.vtgoconnect.runtime;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A call server on loopback for the runtime: Kamailio, a SIPp UAS behind it that answers one call
 * to a number starting with 9 and echoes its audio, and line {@value #NUMBER} and the phone
 * configured for them in runtime/etc, where {@code ./vtgoconnect} reads its configuration.
 * Closing deletes the files and stops the peers.
 */
final class CallServer implements AutoCloseable {
    static final String NUMBER = "2001";
    /** Nothing writes configuration files back (FileInstall's write-back is off), so only the test touches them. */
    private static final Path ETC = Vtgoconnect.HOME.resolve("etc");

    private final List<Path> files = new ArrayList<>();
    private Kamailio kamailio;
    private Sipp uas;

    CallServer() throws IOException {
        try {
            int uasPort = FreePorts.udpAndTcp();
            kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");
            uas = Sipp.uas(uasPort, "uas-answer");
            // A name of the test's own, so that no line of a user's is overwritten or deleted. A keep-alive
            // a second gives the tests a clock they can wait on: Event : ConnectionKeepAlive each second.
            write("io.vtgoconnect.transport.sip.line-it" + NUMBER + ".cfg", "number=" + NUMBER,
                    "registrar=127.0.0.1:" + kamailio.port, ".password=" + Kamailio.password(NUMBER),
                    "keepalive.interval=1");
            write("io.vtgoconnect.transport.sip.phone.cfg", "sip.port=" + FreePorts.udpAndTcp());
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Waits for the UAS to finish its call and checks it went as its scenario says. */
    void awaitCallEnded() {
        uas.awaitSuccess();
    }

    /** Creates the file, failing rather than replacing one that is there (the phone's PID has one name only). */
    private void write(String name, String... lines) throws IOException {
        Path file = ETC.resolve(name);
        Files.write(file, List.of(lines), StandardOpenOption.CREATE_NEW);
        files.add(file);
    }

    @Override
    public void close() throws IOException {
        try {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } finally {
            if (uas != null) {
                uas.close();
            }
            if (kamailio != null) {
                kamailio.close();
            }
        }
    }
}
