package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Answer, EndCall, Hold, Resume and DTMF: the commands that pick a call. */
class CallCommandsTest {

    @Nested
    class Answer {
        @Test
        void answersTheCallThatRangInAsInTheManual() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = new CallRef(28058453);
            phone.softphone.report(
                    phone.softphone.lineUpdate(1, LineState.RING_IN, call, Direction.INCOMING, ""),
                    phone.softphone.lineUpdate(1, LineState.RING_IN, call, Direction.INCOMING, "2004"),
                    new IncomingCall(call, "2001", "2004"));

            phone.control.answer(Optional.empty());

            assertEquals(List.of("answer(28058453)"), phone.requests());
        }

        @Test
        void withoutACallAnswersTheFirstCallRingingInInOrderOfCreation() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.ringingIn(2, 30);
            phone.ringingIn(1, 20);

            phone.control.answer(Optional.empty());

            assertEquals(List.of("answer(30)"), phone.requests());
        }

        @Test
        void aWaitingCallRingsIn() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.call(1, LineState.CALL_WAITING, 20, Direction.INCOMING, "2005");

            phone.control.answer(Optional.empty());

            assertEquals(List.of("answer(20)"), phone.requests());
        }

        @Test
        void answersTheGivenCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.ringingIn(1, 10);
            phone.ringingIn(2, 20);

            phone.control.answer(Optional.of(new CallRef(20)));

            assertEquals(List.of("answer(20)"), phone.requests());
        }

        @Test
        void withNoCallRingingInIsNoIncomingCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_NO_INCOMING_CALL, () -> phone.control.answer(Optional.empty()));
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void aCallThatStoppedRingingCannotBeAnswered() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = phone.ringingIn(1, 10);
            phone.softphone.report(new PartyHangup(call));

            assertRefused(ErrorCode.ERROR_NO_INCOMING_CALL, () -> phone.control.answer(Optional.empty()));
        }

        @Test
        void anUnknownCallIsNoIncomingCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.ringingIn(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_INCOMING_CALL,
                    () -> phone.control.answer(Optional.of(new CallRef(99))));

            assertEquals("Call 99 does not exist.", refusal.getMessage());
        }

        @Test
        void aGivenCallThatDoesNotRingInIsNoIncomingCall() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = phone.connected(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_INCOMING_CALL,
                    () -> phone.control.answer(Optional.of(call)));

            assertEquals("Call 10 is not ringing in; it is TsConnected.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }
    }

    @Nested
    class EndCall {
        @Test
        void withoutACallEndsTheFirstConnectedCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            phone.connected(2, 20);
            phone.connected(1, 30);

            phone.control.endCall(Optional.empty());

            assertEquals(List.of("hangUp(20)"), phone.requests());
        }

        @Test
        void endsTheGivenCallInAnyState() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = phone.call(1, LineState.RING_OUT, 10, Direction.OUTGOING, "2004");

            phone.control.endCall(Optional.of(call));

            assertEquals(List.of("hangUp(10)"), phone.requests());
        }

        @Test
        void withNoConnectedCallEndsTheFirstCallInAnyState() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            phone.call(2, LineState.RING_OUT, 20, Direction.OUTGOING, "2004");

            phone.control.endCall(Optional.empty());

            assertEquals(List.of("hangUp(10)"), phone.requests());
        }

        @ParameterizedTest
        @EnumSource(value = LineState.class, names = {"PROCEED", "RING_OUT", "BUSY", "CONGESTION", "INVALID_NUMBER"})
        void withoutACallEndsACallRingingOutOrRefused(LineState state) {
            PhoneFixture phone = PhoneFixture.running();
            phone.call(1, state, 10, Direction.OUTGOING, "9999");

            phone.control.endCall(Optional.empty());

            assertEquals(List.of("hangUp(10)"), phone.requests());
        }

        @Test
        void withNoCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.endCall(Optional.empty()));

            assertEquals("There is no call to end.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void afterTheFarEndHungUpIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = phone.connected(1, 28058446);
            phone.softphone.report(new PartyHangup(call));

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.endCall(Optional.empty()));
            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.endCall(Optional.of(call)));
        }

        @Test
        void afterTheLineWentIdleIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.call(1, LineState.ON_HOOK, 10, Direction.OUTGOING, "2004");

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.endCall(Optional.empty()));
        }

        @Test
        void anUnknownCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL,
                    () -> phone.control.endCall(Optional.of(new CallRef(99))));

            assertEquals("Call 99 does not exist.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }
    }

    @Nested
    class Hold {
        @Test
        void holdsTheFirstConnectedCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            phone.connected(2, 20);

            phone.control.hold();

            assertEquals(List.of("hold(20)"), phone.requests());
        }

        @Test
        void withNoConnectedCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.ringingIn(1, 10);

            assertRefused(ErrorCode.ERROR_NO_CALL, phone.control::hold);
            assertEquals(List.of(), phone.requests());
        }
    }

    @Nested
    class Resume {
        @Test
        void withoutACallResumesTheFirstHeldCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.held(2, 20);
            phone.held(1, 30);

            phone.control.resume(Optional.empty());

            assertEquals(List.of("resume(20)"), phone.requests());
        }

        @Test
        void resumesTheGivenHeldCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            CallRef call = phone.held(2, 20);

            phone.control.resume(Optional.of(call));

            assertEquals(List.of("resume(20)"), phone.requests());
        }

        @Test
        void withNoHeldCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.resume(Optional.empty()));
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void anUnknownCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.resume(Optional.of(new CallRef(99))));
        }

        @Test
        void aGivenCallNotOnHoldIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            CallRef call = phone.connected(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL,
                    () -> phone.control.resume(Optional.of(call)));

            assertEquals("Call 10 is not on hold; it is TsConnected.", refusal.getMessage());
        }
    }

    @Nested
    class Dtmf {
        @ParameterizedTest
        @ValueSource(strings = {"2004", "*", "#", "0123456789*#"})
        void sendsTheDigitsOnTheFirstConnectedCall(String digits) {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            phone.connected(2, 20);

            phone.control.dtmf(digits);

            assertEquals(List.of("sendDtmf(20, " + digits + ")"), phone.requests());
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  "})
        void withoutDigitsIsMissingParameter(String digits) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_MISSING_PARAMETER, () -> phone.control.dtmf(digits));
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void aCharacterThatIsNoDtmfDigitIsInvalidAndNamed() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_INVALID_COMMAND, () -> phone.control.dtmf("12A4"));

            assertEquals("'A' is not a DTMF digit; use only 0-9, * and #.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void withNoConnectedCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.dtmf("1"));
        }

        @Test
        void checksTheDigitsBeforeTheCalls() {
            PhoneFixture phone = PhoneFixture.running();

            assertRefused(ErrorCode.ERROR_INVALID_COMMAND, () -> phone.control.dtmf("x"));
        }
    }
}
