package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offers the phone cannot use are refused with 488, and nothing is sent to what they name. */
class HostileSdpTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final RegisteredPhone phone = new RegisteredPhone("2001", kamailio);

    @AfterEach
    void stopAll() {
        phone.close();
        kamailio.close();
    }

    /** An INVITE to line 2001, sent to its call server, with the SDP body. */
    private String invite(String branch, int localPort, String sdp) {
        return "INVITE sip:2001@127.0.0.1:" + kamailio.port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + branch + "\r\n"
                + "From: <sip:2002@127.0.0.1>;tag=" + branch + "\r\nTo: <sip:2001@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Contact: <sip:2002@127.0.0.1:" + localPort + ">\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
    }

    /** The final status the phone answers, skipping 1xx; the socket then sees no RTP either. */
    private int finalStatus(String branch, String sdp) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(5000);
            byte[] bytes = invite(branch, socket.getLocalPort(), sdp).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, kamailio.port));
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
                socket.receive(packet);
                String answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                int status = Integer.parseInt(answer.substring(8, 11));
                if (status >= 200) {
                    return status;
                }
            }
        }
    }

    @Test
    void anOfferWithAHostNameABadPortOrAMalformedMediaLineIsRefusedWith488() throws IOException {
        String valid = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        List<String> hostile = List.of(valid.replace("c=IN IP4 127.0.0.1", "c=IN IP4 evil.example"),
                valid.replace("40000", "99999"), valid.replace("RTP/AVP 0", "RTP/AVP zero"), valid.replace("m=audio 40000", "m=audio"));
        int branch = 0;
        for (String sdp : hostile) {
            assertEquals(488, finalStatus("hostile" + branch++, sdp), sdp);
        }

        assertTrue(phone.events.lines(0).stream().noneMatch(line -> line.contains("IncomingCall")), phone.events.lines(0)::toString);
        assertTrue(TestLogs.WARNINGS.stream().noneMatch(line -> line.contains("IncomingRequests")), TestLogs.WARNINGS::toString);
        // The phone still takes a call it can use.
        finalStatusOfRinging(valid);
    }

    private void finalStatusOfRinging(String sdp) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] bytes = invite("usable", socket.getLocalPort(), sdp).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, kamailio.port));
            assertEquals("2002", phone.events.await(IncomingCall.class).callerId());
        }
    }
}
