package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Sipp;
import io.vtgoconnect.testing.peers.TortureCorpus;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 4475 torture messages sent to the phone's SIP port: it stays up and still calls. */
class TortureTest {
    @Test
    void survivesEveryTortureMessageAndStillCalls() throws IOException {
        List<Path> messages = TortureCorpus.messages();
        int uasPort = FreePorts.udpAndTcp();
        int sipPort = FreePorts.udpAndTcp();
        try (Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5")) {
            SipSoftphone phone = new SipSoftphone(Configs.phone(sipPort), TestLogs.FACTORY);
            phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
            RecordingListener listener = new RecordingListener();
            phone.start(listener);
            try {
                listener.await(CallManagerConnected.class);
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                    for (Path message : messages) {
                        byte[] bytes = Files.readAllBytes(message);
                        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), sipPort));
                    }
                }

                try (Sipp uas = Sipp.uas(uasPort, "uas-answer")) {
                    CallRef call = phone.dial(1, "9001");
                    listener.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
                    phone.hangUp(call);
                    uas.awaitSuccess();
                }
                assertTrue(listener.lines(0).stream().noneMatch(line -> line.contains("Disconnected from CallManager")),
                        listener.lines(0).toString());
            } finally {
                phone.stop();
            }
        }
    }
}
