package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A PBX that authenticates its users' calls: Kamailio (test resource peers/kamailio-challenging.cfg)
 * answers 407 to every INVITE, re-INVITE, BYE and REFER a line sends until it carries the line's
 * credentials, and the phones answer each challenge: the transfers and conferences of
 * {@link TransferAndConferenceTest} all run through it, and a call is held, resumed and ended.
 */
class ChallengedRequestsTest extends TransferAndConferenceTest {
    @Override
    Kamailio kamailio() {
        return new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5", "/peers/kamailio-challenging.cfg");
    }

    @Test
    void kamailioChallengesAnInviteWithoutCredentials() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            String invite = "INVITE sip:2002@127.0.0.1:" + kamailio.port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                    + socket.getLocalPort() + ";branch=z9hG4bKplain\r\nFrom: <sip:2001@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:2002@127.0.0.1>\r\nCall-ID: plain@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sip:2001@127.0.0.1:" + socket.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), kamailio.port));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            socket.receive(answer);

            assertEquals("SIP/2.0 407", new String(answer.getData(), 0, 11, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aCallIsMadeHeldResumedAndEndedThroughChallengesFromBothEnds() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);

            a.phone.hold(ab[0]);
            a.await(ab[0], LineState.HOLD);
            a.phone.resume(ab[0]);
            a.await(ab[0], LineState.CONNECTED);
            b.phone.hold(ab[1]);
            b.await(ab[1], LineState.HOLD);
            b.phone.hangUp(ab[1]);

            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ab[0]));
            a.await(LineState.IDLE);
        }
    }
}
