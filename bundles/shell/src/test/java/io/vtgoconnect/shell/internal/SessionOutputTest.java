package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.api.shell.ShellSession;
import java.time.Duration;
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
        Thread printer = new Thread(() -> output.event(new PartyPickup(new CallRef(28058446)), 0));
        printer.start();
        assertEquals(Optional.of("Event : PartyPickup,  CallRef=28058446"),
                output.await(line -> line.contains("PartyPickup"), Duration.ofSeconds(10)));
        printer.join();
    }

    @Test
    void refusalsArePrintedAndCounted() {
        output.answer(() -> {
            throw new CommandException(ErrorCode.ERROR_NO_CALL, "There is no call on hold to resume.");
        });
        output.answer(() -> output.println("fine"));

        assertEquals(1, session.get(ShellSession.FAILURES));
        assertEquals("Error : ERROR_NO_CALL(6) - There is no call on hold to resume.", session.lines().get(0));
        assertEquals("fine", session.lines().get(1));
    }

    @Test
    void jsonEventsWhenAsked() {
        output.setJson(true);
        output.event(new PartyPickup(new CallRef(7)), 0);
        assertTrue(session.lines().get(0).startsWith("{\"time\":\"1970-01-01T00:00:00Z\",\"event\":\"PartyPickup\""));
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
