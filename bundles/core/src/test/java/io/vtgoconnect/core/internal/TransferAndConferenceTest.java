package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.event.PartyHangup;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Transfer, and the consultative transfer and conference: Initiate, then Commit or Cancel. */
class TransferAndConferenceTest {
    private static final long CONSULT = FakeSoftphone.FIRST_CALL_REF;

    @Nested
    class Transfer {
        @Test
        void transfersTheFirstConnectedCallToTheTrimmedDestination() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);
            phone.connected(2, 20);

            phone.control.transfer(" 2005 ");

            assertEquals(List.of("transfer(20, 2005)"), phone.requests());
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " "})
        void withoutADestinationIsNoDestination(String destination) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_NO_DESTINATION, () -> phone.control.transfer(destination));
        }

        @Test
        void withNoConnectedCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.transfer("2005"));

            assertEquals("There is no connected call to transfer.", refusal.getMessage());
        }
    }

    /** The two consultative families: ...Initiate a call to a destination, then ...Commit or ...Cancel the pair. */
    enum Family {
        TRANSFER(ErrorCode.ERROR_TRANSFER, "transfer",
                CallControl::transferInitiate, CallControl::transferCommit, CallControl::transferCancel,
                "No transfer was initiated; start one with TransferInitiate destination.",
                "A transfer is already initiated; finish it with TransferCommit or TransferCancel first.",
                "There is no connected call to transfer."),
        CONFERENCE(ErrorCode.ERROR_CONFERENCE, "conference",
                CallControl::conferenceInitiate, CallControl::conferenceCommit, CallControl::conferenceCancel,
                "No conference was initiated; start one with ConferenceInitiate destination.",
                "A conference is already initiated; finish it with ConferenceCommit or ConferenceCancel first.",
                "There is no connected call to add to a conference.");

        final ErrorCode error;
        /** How the FakeSoftphone's requests start: transfer for transferInitiate(10, 2005). */
        private final String request;
        private final BiConsumer<CallControl, String> initiate;
        private final Consumer<CallControl> commit;
        private final Consumer<CallControl> cancel;
        /** Refusal of a Commit or Cancel with nothing of this family initiated. */
        final String notInitiated;
        /** Refusal of any Initiate while one of this family is initiated. */
        final String alreadyInitiated;
        /** Refusal of this family's Initiate without a connected call. */
        final String noConnectedCall;

        Family(ErrorCode error, String request, BiConsumer<CallControl, String> initiate, Consumer<CallControl> commit,
                Consumer<CallControl> cancel, String notInitiated, String alreadyInitiated, String noConnectedCall) {
            this.error = error;
            this.request = request;
            this.initiate = initiate;
            this.commit = commit;
            this.cancel = cancel;
            this.notInitiated = notInitiated;
            this.alreadyInitiated = alreadyInitiated;
            this.noConnectedCall = noConnectedCall;
        }

        Family other() {
            return this == TRANSFER ? CONFERENCE : TRANSFER;
        }

        void initiate(CallControl control, String destination) {
            initiate.accept(control, destination);
        }

        void commit(CallControl control) {
            commit.accept(control);
        }

        void cancel(CallControl control) {
            cancel.accept(control);
        }

        void finish(Finish finish, CallControl control) {
            (finish == Finish.COMMIT ? commit : cancel).accept(control);
        }

        String initiated(long call, String destination) {
            return request + "Initiate(" + call + ", " + destination + ")";
        }

        String finished(Finish finish, long call) {
            return request + finish.word + "(" + call + ", " + CONSULT + ")";
        }
    }

    enum Finish {
        COMMIT("Commit"), CANCEL("Cancel");

        final String word;

        Finish(String word) {
            this.word = word;
        }
    }

    /** The consultative transfer and the conference, which answer alike in their own words. */
    @Nested
    class ConsultativeTransferAndConference {
        static Stream<Arguments> familiesAndFinishes() {
            return Arrays.stream(Family.values())
                    .flatMap(family -> Arrays.stream(Finish.values()).map(finish -> Arguments.of(family, finish)));
        }

        static Stream<Arguments> familiesAndFinishesWithAndWithoutACall() {
            return familiesAndFinishes().flatMap(pair -> Stream.of(false, true)
                    .map(connectedCall -> Arguments.of(pair.get()[0], pair.get()[1], connectedCall)));
        }

        static Stream<Arguments> familiesWithAndWithoutAHeldCall() {
            return Arrays.stream(Family.values())
                    .flatMap(family -> Stream.of(false, true).map(held -> Arguments.of(family, held)));
        }

        static Stream<Arguments> familiesWithoutADestination() {
            return Arrays.stream(Family.values())
                    .flatMap(family -> Stream.of(null, "", " ").map(destination -> Arguments.of(family, destination)));
        }

        @ParameterizedTest
        @EnumSource
        void initiateCallsTheDestinationAboutTheConnectedCall(Family family) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            family.initiate(phone.control, "2005");

            assertEquals(List.of(family.initiated(10, "2005")), phone.requests());
        }

        @ParameterizedTest
        @MethodSource("familiesAndFinishes")
        void commitOrCancelActsOnTheInitiatedPairAndForgetsIt(Family family, Finish finish) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.initiate(phone.control, "2005");

            family.finish(finish, phone.control);

            assertEquals(List.of(family.initiated(10, "2005"), family.finished(finish, 10)), phone.requests());
            assertRefused(family.error, () -> family.finish(finish, phone.control));
        }

        @ParameterizedTest
        @MethodSource("familiesAndFinishesWithAndWithoutACall")
        void commitOrCancelWithoutInitiateIsTheFamilysErrorAndSaysHowToStart(Family family, Finish finish,
                boolean connectedCall) {
            PhoneFixture phone = PhoneFixture.running();
            if (connectedCall) {
                phone.connected(1, 10);
            }

            CommandException refusal = assertRefused(family.error, () -> family.finish(finish, phone.control));

            assertEquals(family.notInitiated, refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }

        @ParameterizedTest
        @MethodSource("familiesAndFinishes")
        void theOtherFamilyPendingIsNothingToCommitOrCancel(Family family, Finish finish) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.other().initiate(phone.control, "2005");

            CommandException refusal = assertRefused(family.error, () -> family.finish(finish, phone.control));

            assertEquals(family.notInitiated, refusal.getMessage());
        }

        @ParameterizedTest
        @EnumSource
        void aSecondInitiateIsTheFamilysError(Family family) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.initiate(phone.control, "2005");
            phone.connected(2, CONSULT);

            CommandException refusal = assertRefused(family.error, () -> family.initiate(phone.control, "2006"));

            assertEquals(family.alreadyInitiated, refusal.getMessage());
            assertEquals(List.of(family.initiated(10, "2005")), phone.requests());
        }

        @ParameterizedTest
        @EnumSource
        void initiateWhileTheOtherFamilyIsInitiatedIsTheFamilysError(Family family) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.other().initiate(phone.control, "2005");

            CommandException refusal = assertRefused(family.error, () -> family.initiate(phone.control, "2006"));

            assertEquals(family.other().alreadyInitiated, refusal.getMessage());
            assertEquals(List.of(family.other().initiated(10, "2005")), phone.requests());
        }

        @ParameterizedTest
        @MethodSource("familiesWithoutADestination")
        void initiateWithoutADestinationIsNoDestination(Family family, String destination) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_NO_DESTINATION, () -> family.initiate(phone.control, destination));
        }

        @ParameterizedTest
        @MethodSource("familiesWithAndWithoutAHeldCall")
        void initiateWithNoConnectedCallIsNoCall(Family family, boolean heldCall) {
            PhoneFixture phone = PhoneFixture.running();
            if (heldCall) {
                phone.held(1, 10);
            }

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL,
                    () -> family.initiate(phone.control, "2005"));

            assertEquals(family.noConnectedCall, refusal.getMessage());
        }

        @ParameterizedTest
        @MethodSource("familiesWithAndWithoutAHeldCall")
        void whenTheConsultedPartyHangsUpTheInitiatedPairIsForgotten(Family family, boolean heldFirst) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.initiate(phone.control, "2005");
            if (heldFirst) {
                phone.held(1, 10);
            }
            phone.softphone.report(new PartyHangup(new CallRef(CONSULT)));

            assertRefused(family.error, () -> family.commit(phone.control));
        }

        @ParameterizedTest
        @EnumSource
        void whenTheHeldCallEndsTheInitiatedPairIsForgotten(Family family) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.initiate(phone.control, "2005");
            phone.connected(2, CONSULT);
            phone.call(1, LineState.IDLE, 10, Direction.OUTGOING, "2004");

            assertRefused(family.error, () -> family.commit(phone.control));
            family.initiate(phone.control, "2006");
            assertEquals(family.initiated(CONSULT, "2006"), phone.requests().get(1));
        }

        @ParameterizedTest
        @EnumSource
        void whenThePhoneStopsTheInitiatedPairIsForgotten(Family family) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.initiate(phone.control, "2005");
            phone.control.exitProgram();
            phone.control.runProgram();

            assertRefused(family.error, () -> family.commit(phone.control));
        }

        @ParameterizedTest
        @EnumSource
        void aFailedCommitKeepsTheInitiatedPairForACancel(Family family) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            family.initiate(phone.control, "2005");
            phone.softphone.failNextRequestWith(new CommandException(family.error, "The far end refused."));

            assertRefused(family.error, () -> family.commit(phone.control));
            family.cancel(phone.control);

            assertEquals(family.finished(Finish.CANCEL, 10), phone.requests().get(2));
        }
    }
}
