package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.DtmfReceived;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyBusy;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RecordingListener;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.SipSoftphone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our phones register with the embedded server and call each other and its test endpoints, over real SIP and RTP. */
class CallServerTest {
    private final EmbeddedServer server;

    CallServerTest() throws Exception {
        server = new EmbeddedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void phonesCallEachOtherWithAudioBothWays() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002")) {
            CallRef[] call = a.callAndAnswer(b);
            CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays);
            CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays);

            a.phone.hangUp(call[0]);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[1]));
            b.await(LineState.IDLE);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = RegisteredPhone.started("2003", "not-the-password", server.sipPort, events);
        try {
            CallManagerDisconnected refused = events.await(CallManagerDisconnected.class);
            assertTrue(refused.reason().contains("2003"), refused.reason());
        } finally {
            phone.stop();
        }
    }

    @Test
    void theAutoAnsweringEndpointAnswersAndTheCallCarriesAudio() {
        try (RegisteredPhone a = server.phone("2001")) {
            CallRef call = a.phone.dial(1, "2004");
            a.await(call, LineState.RING_OUT);
            a.await(call, LineState.CONNECTED);
            CallStatistics.await(a.phone, call, CallStatistics::flowsBothWays);
            a.phone.hold(call);
            a.await(call, LineState.HOLD);
            a.phone.resume(call);
            a.await(call, LineState.CONNECTED);
            a.phone.hangUp(call);
            a.await(LineState.IDLE);
        }
    }

    @Test
    void busyUnknownAndUnregisteredNumbersSaySo() {
        try (RegisteredPhone a = server.phone("2001")) {
            CallRef busy = a.phone.dial(1, "2005");
            a.events.await(PartyBusy.class, party -> party.callRef().equals(busy));
            a.phone.hangUp(busy);
            CallRef unknown = a.phone.dial(1, "7777");
            a.await(unknown, LineState.INVALID_NUMBER);
            a.phone.hangUp(unknown);
            CallRef unregistered = a.phone.dial(1, "2003");
            LineUpdate refused = a.events.await(LineUpdate.class, update -> update.callRef().equals(unregistered)
                    && update.state() != LineState.OFF_HOOK && update.state() != LineState.PROCEED);
            assertTrue(refused.state() == LineState.CONGESTION || refused.state() == LineState.INVALID_NUMBER, refused.toString());
        }
    }

    @Test
    void digitsCrossTheServer() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002")) {
            CallRef[] call = a.callAndAnswer(b);
            a.phone.sendDtmf(call[0], "15#");
            List<String> digits = Stream.generate(() -> b.events.await(DtmfReceived.class).digit()).limit(3).toList();
            assertEquals(List.of("1", "5", "#"), digits);
        }
    }

    @Test
    void oneStepAndAttendedTransfersThroughTheServer() {
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002");
                RegisteredPhone c = server.phone("2003")) {
            CallRef[] ab = a.callAndAnswer(b);
            a.phone.transfer(ab[0], "2003");
            IncomingCall atC = c.events.await(IncomingCall.class);
            assertEquals("2002", atC.callerId());
            c.phone.answer(atC.callRef());
            a.await(LineState.IDLE);
            CallStatistics.await(c.phone, atC.callRef(), CallStatistics::flowsBothWays);
            c.phone.hangUp(atC.callRef());
            b.await(LineState.IDLE);

            CallRef[] again = a.callAndAnswer(b);
            CallRef consult = a.phone.transferInitiate(again[0], "2003");
            IncomingCall consulted = c.events.await(IncomingCall.class);
            c.phone.answer(consulted.callRef());
            a.await(consult, LineState.CONNECTED);
            a.phone.transferCommit(again[0], consult);
            a.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(again[0]));
            a.events.awaitSeen(PartyHangup.class, hangup -> hangup.callRef().equals(consult));
            b.phone.sendDtmf(again[1], "7");
            assertEquals("7", c.events.await(DtmfReceived.class).digit());
        }
    }

    @Test
    void anEndpointCallsAPhoneWhenTold() throws Exception {
        try (RegisteredPhone a = server.phone("2001")) {
            server.endpointCalls("2008", "2001");
            IncomingCall ringing = a.events.await(IncomingCall.class);
            assertEquals("2008", ringing.callerId());
            a.phone.answer(ringing.callRef());
            CallStatistics.await(a.phone, ringing.callRef(), CallStatistics::flowsBothWays);
            server.server.worker().call(() -> server.endpoints.hangUp("2008"));
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        }
    }

    @Test
    void aPhoneKnowingOnlyTheServerAndItsNameGetsItsLinesAndSpeedDials() {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = RegisteredPhone.provisioned("http://127.0.0.1:" + server.httpPort, EmbeddedServer.DEVICE,
                EmbeddedServer.DEVICE_PASSWORD, events);
        try {
            events.await(CallManagerConnected.class);
            assertEquals(List.of("2001", "2301"), events.lines().stream().map(LineConfig::number).toList());
            assertEquals(List.of("Speeddial=1(2004), Button=3", "Speeddial=2(2005), Button=4", "Speeddial=3(2007), Button=5",
                    "Speeddial=4(), Button=6"), events.speedDials().stream()
                    .map(dial -> EventFormatter.format(dial).replace("Event : SpeedDialUpdate, ", "")).toList());
            CallRef call = phone.dial(2, "2004");
            events.await(LineUpdate.class, update -> update.callRef().equals(call) && update.state() == LineState.CONNECTED
                    && update.line() == 2);
        } finally {
            phone.stop();
        }
    }

    @Test
    void anUnknownDeviceCannotStart() {
        CommandException refused = assertThrows(CommandException.class, () -> RegisteredPhone.provisioned(
                        "http://127.0.0.1:" + server.httpPort, "SEP000000000000", "any", new RecordingListener()));
        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertTrue(refused.getMessage().contains("SEP000000000000"), refused.getMessage());
    }

    @Test
    void aPhoneWithTheWrongDevicePasswordGetsNoConfigurationAndSaysWhy() {
        CommandException refused = assertThrows(CommandException.class, () -> RegisteredPhone.provisioned(
                "http://127.0.0.1:" + server.httpPort, EmbeddedServer.DEVICE, "wrong", new RecordingListener()));
        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertTrue(refused.getMessage().contains("HTTP 401") && refused.getMessage().contains("device.password.file")
                && !refused.getMessage().contains("wrong"), refused.getMessage());
    }

    @Test
    void aDeviceFetchesItsConfiguration() throws Exception {
        String credential = java.util.Base64.getEncoder().encodeToString((EmbeddedServer.DEVICE + ":"
                + EmbeddedServer.DEVICE_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort + "/" + EmbeddedServer.DEVICE + ".cnf.xml"))
                .header("Authorization", "Basic " + credential).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("number=\"2001\"") && response.body().contains("number=\"2301\""), response.body());
        assertTrue(response.body().contains("<speedDial button=\"5\" number=\"2007\""), response.body());
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort + "/SEP000000000000.cnf.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }
}
