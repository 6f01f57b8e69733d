package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.DtmfReceived;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Sipp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Digits received, and the softkeys beyond answer, hold and end: between our phones and to a SIPp UAS through Kamailio. */
class DtmfAndSoftkeysTest {
    private final int uasPort = FreePorts.udpAndTcp();
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");

    @AfterEach
    void stopKamailio() {
        kamailio.close();
    }

    private static List<String> digitsReceived(RegisteredPhone phone, CallRef call, int count) {
        return Stream.generate(() -> phone.events.await(DtmfReceived.class, digit -> digit.callRef().equals(call)).digit())
                .limit(count).toList();
    }

    @Test
    void digitsSentAsRtpEventsAreReportedOneByOne() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio)) {
            CallRef[] call = a.callAndAnswer(b);
            a.phone.sendDtmf(call[0], "1*9#");
            assertEquals(List.of("1", "*", "9", "#"), digitsReceived(b, call[1], 4));
        }
    }

    @Test
    void digitsSentAsSipInfoAreReportedOneByOne() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio, "dtmf_mode", DtmfMode.SIP_INFO);
                RegisteredPhone b = new RegisteredPhone("2002", kamailio)) {
            CallRef[] call = a.callAndAnswer(b);
            a.phone.sendDtmf(call[0], "204#");
            assertEquals(List.of("2", "0", "4", "#"), digitsReceived(b, call[1], 4));
        }
    }

    @Test
    void forwardAllRedirectsCallsUntilPressedAgain() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio);
                RegisteredPhone b = new RegisteredPhone("2002", kamailio, "cfwdall_destination", "2003");
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            assertEquals("Forward all is on: calls ringing in go to 2003.", b.phone.softkey(Softkey.CFWDALL, 1, CallRef.NONE));
            CallRef forwarded = a.phone.dial(1, "2002");
            IncomingCall atC = c.events.await(IncomingCall.class);
            assertEquals("2001", atC.callerId());
            c.phone.answer(atC.callRef());
            // The party that answered, not the number dialled.
            assertEquals("2003", a.await(forwarded, LineState.CONNECTED).otherParty());
            a.phone.hangUp(forwarded);
            c.events.await(PartyHangup.class);

            assertEquals("Forward all is off.", b.phone.softkey(Softkey.CFWDALL, 1, CallRef.NONE));
            a.phone.dial(1, "2002");
            assertEquals("2001", b.events.await(IncomingCall.class).callerId());
        }
    }

    @Test
    void immediateDivertSendsARingingCallToVoicemail() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio);
                RegisteredPhone b = new RegisteredPhone("2002", kamailio, "voicemail_pilot", "9010");
                Sipp voicemail = Sipp.uas(uasPort, "uas-answer")) {
            CallRef call = a.phone.dial(1, "2002");
            IncomingCall ringing = b.events.await(IncomingCall.class);

            b.phone.softkey(Softkey.IDIVERT, 1, ringing.callRef());

            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
            a.await(call, LineState.CONNECTED);
            a.phone.hangUp(call);
            voicemail.awaitSuccess();
        }
    }

    @Test
    void transferAndConferenceSoftkeysHoldFirstThenJoinTheTwoCalls() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio); RegisteredPhone b = new RegisteredPhone("2002", kamailio);
                RegisteredPhone c = new RegisteredPhone("2003", kamailio)) {
            CallRef[] ab = a.callAndAnswer(b);
            a.phone.softkey(Softkey.CONFERENCE, 1, CallRef.NONE);
            a.await(ab[0], LineState.HOLD);
            CallRef[] ac = a.callAndAnswer(c);

            a.phone.softkey(Softkey.CONFERENCE, 1, CallRef.NONE);
            a.await(ab[0], LineState.CONNECTED);
            CallStatistics.await(b.phone, ab[1], CallStatistics::flowsBothWays);

            a.phone.softkey(Softkey.DROPLASTCONFEREE, 1, CallRef.NONE);
            c.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ac[1]));
            CommandException noConference = assertThrows(CommandException.class,
                    () -> a.phone.softkey(Softkey.DROPLASTCONFEREE, 1, CallRef.NONE));
            assertEquals(ErrorCode.ERROR_CONFERENCE, noConference.code());

            a.phone.softkey(Softkey.TRANSFER, 1, CallRef.NONE);
            a.await(ab[0], LineState.HOLD);
            a.callAndAnswer(c);
            a.phone.softkey(Softkey.TRANSFER, 1, CallRef.NONE);
            b.events.awaitSeen(LineUpdate.class, update -> update.state() == LineState.CONNECTED
                    && update.otherParty().equals("2003"));
            a.events.awaitSeen(LineUpdate.class, update -> update.state() == LineState.IDLE);
        }
    }

    @Test
    void featureSoftkeysDialTheirCodes() {
        try (RegisteredPhone a = new RegisteredPhone("2001", kamailio, "feature_codes",
                new String[] {"pickup=9011", "callback=95", "barge=96"})) {
            try (Sipp server = Sipp.uas(uasPort, "uas-answer")) {
                a.phone.softkey(Softkey.PICKUP, 1, CallRef.NONE);
                LineUpdate dialled = a.await(LineState.CONNECTED);
                assertEquals("9011", dialled.otherParty());
                a.phone.hangUp(dialled.callRef());
                server.awaitSuccess();
            }
            try (Sipp server = Sipp.uas(uasPort, "uas-answer")) {
                a.phone.softkey(Softkey.BARGE, 1, CallRef.NONE);
                LineUpdate dialled = a.await(LineState.CONNECTED);
                assertEquals("962001", dialled.otherParty());
                a.phone.hangUp(dialled.callRef());
                server.awaitSuccess();
            }
            CommandException noCode = assertThrows(CommandException.class,
                    () -> a.phone.softkey(Softkey.PARK, 1, CallRef.NONE));
            assertEquals(ErrorCode.ERROR_NO_CALL, noCode.code());
        }
    }

    @Test
    void aWrongFeatureCodeKeepsThePhoneFromStarting() {
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "feature_codes", new String[] {"park=star"}), TestLogs.FACTORY);
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
        CommandException refused = assertThrows(CommandException.class, () -> phone.start(new RecordingListener()));
        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
    }
}
