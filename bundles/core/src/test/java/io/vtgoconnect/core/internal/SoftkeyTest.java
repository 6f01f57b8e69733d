package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.control.Softkey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Softkey key [lineID] [callRefID]: which line and call the key is pressed on. */
class SoftkeyTest {

    @Test
    void withACallAndLineMinusOnePressesOnTheLineOfTheCall() {
        PhoneFixture phone = PhoneFixture.running();
        phone.held(1, 10);
        CallRef call = phone.held(2, 1234567);

        phone.control.softkey(Softkey.RESUME, OptionalInt.of(-1), Optional.of(call));

        assertEquals(List.of("softkey(resume, 2, 1234567)"), phone.requests());
    }

    @Test
    void withACallAndNoLinePressesOnTheLineOfTheCall() {
        PhoneFixture phone = PhoneFixture.running();
        CallRef call = phone.held(2, 1234567);

        phone.control.softkey(Softkey.RESUME, OptionalInt.empty(), Optional.of(call));

        assertEquals(List.of("softkey(resume, 2, 1234567)"), phone.requests());
    }

    @Test
    void withACallAndItsLinePressesOnThatCall() {
        PhoneFixture phone = PhoneFixture.running();
        CallRef call = phone.held(1, 1234567);

        phone.control.softkey(Softkey.RESUME, OptionalInt.of(1), Optional.of(call));

        assertEquals(List.of("softkey(resume, 1, 1234567)"), phone.requests());
    }

    @Test
    void withACallOnAnotherLineIsNoCall() {
        PhoneFixture phone = PhoneFixture.running();
        CallRef call = phone.held(1, 1234567);

        CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL,
                () -> phone.control.softkey(Softkey.RESUME, OptionalInt.of(2), Optional.of(call)));

        assertEquals("Call 1234567 is not on line 2; it is on line 1.", refusal.getMessage());
        assertEquals(List.of(), phone.requests());
    }

    @Test
    void withAnUnknownCallIsNoCall() {
        PhoneFixture phone = PhoneFixture.running();

        assertRefused(ErrorCode.ERROR_NO_CALL,
                () -> phone.control.softkey(Softkey.RESUME, OptionalInt.of(-1), Optional.of(new CallRef(99))));
    }

    @Test
    void withOnlyALinePressesOnThatLineWithoutACall() {
        PhoneFixture phone = PhoneFixture.running();
        phone.held(1, 10);
        phone.held(2, 20);

        phone.control.softkey(Softkey.RESUME, OptionalInt.of(2), Optional.empty());

        assertEquals(List.of("softkey(resume, 2, 0)"), phone.requests());
    }

    @Test
    void withOnlyAnUnknownLineIsInvalid() {
        PhoneFixture phone = PhoneFixture.running();

        CommandException refusal = assertRefused(ErrorCode.ERROR_INVALID_COMMAND,
                () -> phone.control.softkey(Softkey.NEWCALL, OptionalInt.of(5), Optional.empty()));

        assertEquals("Line 5 does not exist; this phone has lines 1-2.", refusal.getMessage());
    }

    @Test
    void withOnlyLineMinusOneActsAsIfNoLineWereGiven() {
        PhoneFixture phone = PhoneFixture.running();
        phone.ringingIn(2, 20);

        phone.control.softkey(Softkey.ANSWER, OptionalInt.of(-1), Optional.empty());

        assertEquals(List.of("softkey(answer, 2, 0)"), phone.requests());
    }

    @Test
    void withNeitherPressesOnTheLineOfTheFirstCall() {
        PhoneFixture phone = PhoneFixture.running();
        phone.ringingIn(2, 20);
        phone.connected(1, 30);

        phone.control.softkey(Softkey.ANSWER, OptionalInt.empty(), Optional.empty());

        assertEquals(List.of("softkey(answer, 2, 0)"), phone.requests());
    }

    @Test
    void withNeitherAndNoCallPressesOnTheFirstLine() {
        PhoneFixture phone = PhoneFixture.running();

        phone.control.softkey(Softkey.NEWCALL, OptionalInt.empty(), Optional.empty());

        assertEquals(List.of("softkey(newcall, 1, 0)"), phone.requests());
    }

    @Test
    void withoutAKeyIsMissingParameter() {
        PhoneFixture phone = PhoneFixture.running();

        assertRefused(ErrorCode.ERROR_MISSING_PARAMETER,
                () -> phone.control.softkey(null, OptionalInt.empty(), Optional.empty()));
        assertEquals(List.of(), phone.requests());
    }
}
