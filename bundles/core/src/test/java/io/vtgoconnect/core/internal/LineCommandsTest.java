package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.transport.LineConfig;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OffHook, OnHook, MakeCall and Messages: the commands that pick a line. */
class LineCommandsTest {

    @Nested
    class OffHook {
        @Test
        void takesTheGivenLineOffHook() {
            PhoneFixture phone = PhoneFixture.running();

            phone.control.offHook(OptionalInt.of(2));

            assertEquals(List.of("offHook(2)"), phone.requests());
        }

        @Test
        void withoutALineTakesTheLineWithTheLowestId() {
            List<LineConfig> lines = List.of(new LineConfig(3, "2003", "", 1), new LineConfig(2, "2002", "", 2));
            PhoneFixture phone = PhoneFixture.running(new FakeSoftphone(lines, List.of()));

            phone.control.offHook(OptionalInt.empty());

            assertEquals(List.of("offHook(2)"), phone.requests());
        }

        @Test
        void anUnknownLineIsInvalidAndNamesTheLinesThereAre() {
            PhoneFixture phone = PhoneFixture.running();

            CommandException refusal = assertRefused(ErrorCode.ERROR_INVALID_COMMAND,
                    () -> phone.control.offHook(OptionalInt.of(7)));

            assertEquals("Line 7 does not exist; this phone has lines 1-2.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void anUnknownLineOnAPhoneWithScatteredLinesListsThem() {
            List<LineConfig> lines = List.of(new LineConfig(1, "2001", "", 1), new LineConfig(3, "2003", "", 2));
            PhoneFixture phone = PhoneFixture.running(new FakeSoftphone(lines, List.of()));

            CommandException refusal = assertRefused(ErrorCode.ERROR_INVALID_COMMAND,
                    () -> phone.control.offHook(OptionalInt.of(2)));

            assertEquals("Line 2 does not exist; this phone has lines 1, 3.", refusal.getMessage());
        }

        @Test
        void onAPhoneWithoutLinesIsNotInitialized() {
            PhoneFixture phone = PhoneFixture.running(new FakeSoftphone(List.of(), List.of()));

            assertRefused(ErrorCode.ERROR_NOT_INITIALIZED, () -> phone.control.offHook(OptionalInt.empty()));
        }
    }

    @Nested
    class OnHook {
        @Test
        void hangsUpTheGivenLine() {
            PhoneFixture phone = PhoneFixture.running();

            phone.control.onHook(OptionalInt.of(2));

            assertEquals(List.of("onHook(2)"), phone.requests());
        }

        @Test
        void withoutALineHangsUpTheFirstLineWithADialTone() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.dialTone(2);

            phone.control.onHook(OptionalInt.empty());

            assertEquals(List.of("onHook(2)"), phone.requests());
        }

        @Test
        void withoutALineHangsUpTheFirstLineWithACallOffHook() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.call(2, LineState.OFF_HOOK, 12, Direction.NONE, "");

            phone.control.onHook(OptionalInt.empty());

            assertEquals(List.of("onHook(2)"), phone.requests());
        }

        @Test
        void withoutALineTakesTheLowestLineOffHook() {
            PhoneFixture phone = PhoneFixture.running();
            phone.dialTone(2);
            phone.dialTone(1);

            phone.control.onHook(OptionalInt.empty());

            assertEquals(List.of("onHook(1)"), phone.requests());
        }

        @ParameterizedTest
        @EnumSource(value = LineState.class, names = {"PROCEED", "RING_OUT", "BUSY", "CONGESTION", "INVALID_NUMBER"})
        void withoutALineHangsUpALineRingingOutOrHoldingARefusedCall(LineState state) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.call(2, state, 12, Direction.OUTGOING, "9999");

            phone.control.onHook(OptionalInt.empty());

            assertEquals(List.of("onHook(2)"), phone.requests());
        }

        @Test
        void withNoLineOffHookIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.onHook(OptionalInt.empty()));
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void aLineBackOnHookIsNoLongerOffHook() {
            PhoneFixture phone = PhoneFixture.running();
            phone.dialTone(1);
            phone.softphone.report(phone.softphone.lineUpdate(1, LineState.ON_HOOK, CallRef.NONE, Direction.NONE, ""));

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.onHook(OptionalInt.empty()));
        }

        @Test
        void anUnknownLineIsInvalid() {
            PhoneFixture phone = PhoneFixture.running();

            assertRefused(ErrorCode.ERROR_INVALID_COMMAND, () -> phone.control.onHook(OptionalInt.of(3)));
        }
    }

    @Nested
    class MakeCall {
        @Test
        void dialsTheTrimmedDestinationFromTheFirstIdleLineAndReturnsTheNewCall() {
            PhoneFixture phone = PhoneFixture.running();

            CallRef call = phone.control.makeCall(" 2004 ");

            assertEquals(List.of("dial(1, 2004)"), phone.requests());
            assertEquals(new CallRef(FakeSoftphone.FIRST_CALL_REF), call);
        }

        @Test
        void skipsALineWithACallInAnyState() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 11);

            phone.control.makeCall("2004");

            assertEquals(List.of("dial(2, 2004)"), phone.requests());
        }

        @Test
        void prefersALineWithADialTone() {
            PhoneFixture phone = PhoneFixture.running();
            phone.dialTone(2);

            phone.control.makeCall("2004");

            assertEquals(List.of("dial(2, 2004)"), phone.requests());
        }

        @Test
        void aDialToneTurnedIntoACallIsNoLongerADialTone() {
            PhoneFixture phone = PhoneFixture.running();
            phone.dialTone(1);
            phone.call(1, LineState.PROCEED, 11, Direction.OUTGOING, "2004");

            phone.control.makeCall("2005");

            assertEquals(List.of("dial(2, 2005)"), phone.requests());
        }

        @Test
        void aLineWhoseCallEndedIsIdleAgain() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.call(1, LineState.IDLE, 11, Direction.OUTGOING, "2004");

            phone.control.makeCall("2004");

            assertEquals(List.of("dial(1, 2004)"), phone.requests());
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   "})
        void withoutADestinationIsNoDestination(String destination) {
            PhoneFixture phone = PhoneFixture.running();

            assertRefused(ErrorCode.ERROR_NO_DESTINATION, () -> phone.control.makeCall(destination));
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void afterARefusedCallGoesOutOnAnIdleLine() {
            PhoneFixture phone = PhoneFixture.running();
            phone.call(1, LineState.INVALID_NUMBER, 11, Direction.OUTGOING, "9999");

            phone.control.makeCall("2004");

            assertEquals(List.of("dial(2, 2004)"), phone.requests());
        }

        @Test
        void whenEveryLineHoldsARefusedCallClearsTheFirstAndCallsFromIt() {
            PhoneFixture phone = PhoneFixture.running();
            phone.call(1, LineState.BUSY, 11, Direction.OUTGOING, "2005");
            phone.call(2, LineState.CONGESTION, 12, Direction.OUTGOING, "2006");

            phone.control.makeCall("2004");

            assertEquals(List.of("hangUp(11)", "dial(1, 2004)"), phone.requests());
        }

        @Test
        void withEveryLineBusyIsMakeCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.held(2, 12);

            CommandException refusal = assertRefused(ErrorCode.ERROR_MAKE_CALL, () -> phone.control.makeCall("2004"));

            assertEquals("Every line is busy; end a call, then try again.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void onAPhoneWithoutLinesIsMakeCall() {
            PhoneFixture phone = PhoneFixture.running(new FakeSoftphone(List.of(), List.of()));

            assertRefused(ErrorCode.ERROR_MAKE_CALL, () -> phone.control.makeCall("2004"));
        }

        @Test
        void checksTheDestinationBeforeTheLines() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.connected(2, 12);

            assertRefused(ErrorCode.ERROR_NO_DESTINATION, () -> phone.control.makeCall(""));
        }
    }

    @Nested
    class Messages {
        @Test
        void callsVoicemailFromTheFirstAvailableLine() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);

            phone.control.messages();

            assertEquals(List.of("callVoicemail(2)"), phone.requests());
        }

        @Test
        void withEveryLineBusyIsMakeCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 11);
            phone.ringingIn(2, 12);

            assertRefused(ErrorCode.ERROR_MAKE_CALL, phone.control::messages);
            assertEquals(List.of(), phone.requests());
        }
    }
}
