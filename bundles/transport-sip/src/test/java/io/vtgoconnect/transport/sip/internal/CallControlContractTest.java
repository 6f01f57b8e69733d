package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.core.internal.CoreWiring;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Sipp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The phone driven by the real call control, so the events are those the shell prints. */
class CallControlContractTest {
    private final int uasPort = FreePorts.udpAndTcp();
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), uasPort, "MD5");
    private final SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "dtmf_mode", DtmfMode.SIP_INFO), TestLogs.FACTORY);
    private final RecordingEventAdmin console = new RecordingEventAdmin();
    private final CallControl control = CoreWiring.callControl(console, phone);

    @AfterEach
    void stopAll() {
        phone.stop();
        kamailio.close();
    }

    @Test
    void runMakeCallDtmfCallStatsEndCallExit() {
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
        control.runProgram();
        console.await(0, "Event : Connected to CallManager"::equals);
        control.snapshot();
        console.await(0, line -> line.startsWith("Event : LineUpdate, Line=1(2001), Button=1, State=0(TsIdle)"));

        try (Sipp uas = Sipp.uas(uasPort, "uas-dtmf")) {
            CallRef call = control.makeCall("9001");
            int connected = console.await(0, line -> line.contains("State=5(TsConnected), CallRef=" + call));
            control.dtmf("12#");
            control.callStats();
            int stats = console.await(connected, line -> line.startsWith("Event : CallStatsUpdate, CallRef=" + call
                    + ", Codec=G711u:20ms, ThisStation=127.0.0.1:"));
            control.endCall(Optional.empty());
            console.await(stats, line -> line.equals("Event : LineUpdate, Line=1(2001), Button=1, State=0(TsIdle), CallRef=0, Direction=, OtherParty="));
            uas.awaitSuccess();
        }
        control.exitProgram();
        int disconnected = console.await(0, "Event : Disconnected from softphone"::equals);

        List<String> printed = console.printed();
        assertEquals("Event : Connected to softphone", printed.get(0));
        assertEquals("Event : Disconnected from CallManager", printed.get(disconnected - 1));
    }

    @Test
    void runProgramWithoutLinesSaysWhy() {
        CommandException refused = assertThrows(CommandException.class, control::runProgram);

        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertTrue(refused.line().startsWith("Error : ERROR_PHONE_NOT_FOUND(8) - No line is configured"), refused.line());
    }
}
