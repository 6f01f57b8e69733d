package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.api.shell.ShellSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionOutputTest {
    private final FakeSession session = new FakeSession();
    private final SessionOutput output = SessionOutput.of(session);

    @Test
    void oneOutputPerSession() {
        assertSame(output, SessionOutput.of(session));
    }

    @Test
    void waitsConsumeLinesInOrder() throws InterruptedException {
        output.println("Event : LineUpdate, State=5(TsConnected)");
        output.println("Event : LineUpdate, State=8(TsHold)");
        output.println("Event : LineUpdate, State=5(TsConnected), second");

        assertEquals(Optional.of("Event : LineUpdate, State=8(TsHold)"),
                output.await(line -> line.contains("TsHold"), Duration.ofMillis(50)));
        assertEquals(Optional.of("Event : LineUpdate, State=5(TsConnected), second"),
                output.await(line -> line.contains("TsConnected"), Duration.ofMillis(50)));
        assertEquals(Optional.empty(), output.await(line -> line.contains("TsConnected"), Duration.ofMillis(50)));
    }

    @Test
    void aWaitSeesALinePrintedWhileItWaits() throws Exception {
        Thread printer = new Thread(() -> output.event(new PartyPickup(new CallRef(28058446)), 0, "", ""));
        printer.start();
        assertEquals(Optional.of("Event : PartyPickup,  CallRef=28058446"),
                output.await(line -> line.contains("PartyPickup"), Duration.ofSeconds(10)));
        printer.join();
    }

    @Test
    void refusalsArePrintedCountedAndFailTheCommand() {
        CommandException refusal = new CommandException(ErrorCode.ERROR_NO_CALL, "There is no call on hold to resume.");
        assertSame(refusal, assertThrows(CommandException.class, () -> output.answer(() -> {
            throw refusal;
        })));
        assertTrue(output.hasReported(refusal));
        output.answer(() -> output.println("fine"));

        assertEquals(1, session.get(ShellSession.FAILURES));
        assertEquals("Error : ERROR_NO_CALL(6) - There is no call on hold to resume.", session.lines().get(0));
        assertEquals("fine", session.lines().get(1));
    }

    @Test
    void jsonEventsWhenAsked() {
        output.setJson(true);
        output.event(new PartyPickup(new CallRef(7)), 0, "", "");
        assertTrue(session.lines().get(0).startsWith("{\"kind\":\"event\",\"time\":\"1970-01-01T00:00:00Z\",\"event\":\"PartyPickup\""));
    }

    @Test
    void inJsonEveryLineIsAnObjectWithItsKind() {
        output.setJson(true);
        output.println("Speaker volume 60%");
        output.fail("Error : ERROR_NO_CALL(6) - There is no connected call to hold.");
        output.timeout("Timeout : no line contained \"TsHold\" within 1 s.");

        List<String> lines = session.lines();
        assertTrue(lines.get(0).matches("\\{\"kind\":\"output\",\"time\":\"[^\"]+\",\"text\":\"Speaker volume 60%\"}"), lines.get(0));
        assertTrue(lines.get(1).matches("\\{\"kind\":\"error\",\"time\":\"[^\"]+\",\"error\":\"ERROR_NO_CALL\",\"code\":6,"
                + "\"message\":\"There is no connected call to hold.\",\"text\":\"Error : ERROR_NO_CALL\\(6\\) - There is no "
                + "connected call to hold.\"}"), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"kind\":\"timeout\","), lines.get(2));
        assertEquals(2, output.failures());
    }

    @Test
    void aRefusedRegistrationSaysWhyOnALineOfItsOwn() {
        output.event(new CallManagerDisconnected("line 2001: registration refused: 401 Unauthorized"), 0, "", "");
        assertEquals(List.of("Event : Disconnected from CallManager", "Reason : line 2001: registration refused: 401 Unauthorized"),
                session.lines());
    }

    @Test
    void anEventOfAnotherPhoneThanTheSessionsSaysWhichPhoneItIsFrom() {
        output.event(new PartyPickup(new CallRef(7)), 0, "phone1", "phone1");
        output.event(new PartyPickup(new CallRef(8)), 0, "phone2", "phone1");
        output.selectPhone("phone2");
        output.event(new PartyPickup(new CallRef(7)), 0, "phone1", "phone1");
        output.event(new CallManagerDisconnected("line 3000: unregistered"), 0, "phone1", "phone1");
        output.event(new PartyPickup(new CallRef(8)), 0, "phone2", "phone1");
        assertEquals(List.of("Event : PartyPickup,  CallRef=7", "[phone2] Event : PartyPickup,  CallRef=8",
                "[phone1] Event : PartyPickup,  CallRef=7", "[phone1] Event : Disconnected from CallManager",
                "[phone1] Reason : line 3000: unregistered", "Event : PartyPickup,  CallRef=8"), session.lines());
    }

    @Test
    void aWaitMatchesOnlyWhatCameAfterTheCommandBeforeIt() throws InterruptedException {
        output.println("Event : LineUpdate, State=3(TsRingOut)");
        output.commandStarted("snapshot");
        output.println("Event : LineUpdate, State=0(TsIdle)");
        output.commandStarted("waitfor TsRingOut 0.05");

        assertEquals(Optional.empty(), output.await(line -> line.contains("TsRingOut"), Duration.ofMillis(50)));
        output.commandStarted("makecall 2004");
        output.println("Event : LineUpdate, State=3(TsRingOut)");
        output.println("Event : LineUpdate, State=5(TsConnected)");
        output.commandStarted("vtgo:waitfor TsRingOut");
        assertEquals(Optional.of("Event : LineUpdate, State=3(TsRingOut)"),
                output.await(line -> line.contains("TsRingOut"), Duration.ofMillis(50)));
        output.commandStarted("sleep 1");
        output.commandStarted("waitfor TsConnected");
        assertEquals(Optional.of("Event : LineUpdate, State=5(TsConnected)"),
                output.await(line -> line.contains("TsConnected"), Duration.ofMillis(50)));
    }

    @Test
    void linesNobodyWaitsForAreBounded() throws InterruptedException {
        for (int i = 0; i <= SessionOutput.MAX_PENDING_LINES; i++) {
            output.println("line " + i);
        }
        assertFalse(output.await("line 0"::equals, Duration.ofMillis(1)).isPresent());
    }

    @Test
    void aClosedSessionTakesNoOutput() {
        assertTrue(output.isOpen());
        session.close();
        assertFalse(output.isOpen());
    }
}
