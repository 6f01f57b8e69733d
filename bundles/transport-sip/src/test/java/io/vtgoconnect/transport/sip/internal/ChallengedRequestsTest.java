package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PBX that authenticates its users' calls: Kamailio (test resource peers/kamailio-challenging.cfg)
 * answers 407 to every INVITE, re-INVITE, BYE and REFER a line sends until it carries the line's
 * credentials, and the phones answer each challenge.
 */
class ChallengedRequestsTest {
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5",
            "/peers/kamailio-challenging.cfg");

    @AfterEach
    void stopKamailio() {
        kamailio.close();
    }

    @Test
    void kamailioChallengesAnInviteWithoutCredentials() throws java.io.IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            String invite = "INVITE sip:2002@127.0.0.1:" + kamailio.port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                    + socket.getLocalPort() + ";branch=z9hG4bKplain\r\nFrom: <sip:2001@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:2002@127.0.0.1>\r\nCall-ID: plain@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sip:2001@127.0.0.1:" + socket.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = invite.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.send(new java.net.DatagramPacket(bytes, bytes.length, java.net.InetAddress.getLoopbackAddress(), kamailio.port));
            java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[4096], 4096);
            socket.receive(answer);

            assertEquals("SIP/2.0 407", new String(answer.getData(), 0, 11, java.nio.charset.StandardCharsets.US_ASCII));
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

    @Test
    void aTransferIsAskedAndCarriedOutThroughChallenges() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio);
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);

            a.phone.transfer(ab[0], "2003");

            IncomingCall atC = c.events.await(IncomingCall.class);
            assertEquals("2002", atC.callerId());
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ab[0]));
            c.phone.answer(atC.callRef());
            c.events.await(PartyPickup.class, pickup -> pickup.callRef().equals(atC.callRef()));
            c.phone.hangUp(atC.callRef());
            b.await(LineState.IDLE);
        }
    }
}
