package io.vtgoconnect.core.internal;

import static io.vtgoconnect.core.internal.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.PartyHangup;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Nested
    class ConsultativeTransfer {
        @Test
        void initiateCallsTheDestinationAboutTheConnectedCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            phone.control.transferInitiate("2005");

            assertEquals(List.of("transferInitiate(10, 2005)"), phone.requests());
        }

        @Test
        void commitJoinsTheInitiatedPairAndForgetsIt() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");

            phone.control.transferCommit();

            assertEquals(List.of("transferInitiate(10, 2005)", "transferCommit(10, " + CONSULT + ")"), phone.requests());
            assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCommit);
        }

        @Test
        void cancelEndsTheInitiatedPairAndForgetsIt() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");

            phone.control.transferCancel();

            assertEquals(List.of("transferInitiate(10, 2005)", "transferCancel(10, " + CONSULT + ")"), phone.requests());
            assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCancel);
        }

        @Test
        void commitWithoutInitiateIsTransferAndSaysHowToStart() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            CommandException refusal = assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCommit);

            assertEquals("No transfer was initiated; start one with TransferInitiate destination.", refusal.getMessage());
            assertEquals(List.of(), phone.requests());
        }

        @Test
        void cancelWithoutInitiateIsTransfer() {
            PhoneFixture phone = PhoneFixture.running();

            assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCancel);
        }

        @Test
        void aSecondInitiateIsTransfer() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");
            phone.connected(2, CONSULT);

            assertRefused(ErrorCode.ERROR_TRANSFER, () -> phone.control.transferInitiate("2006"));
            assertEquals(List.of("transferInitiate(10, 2005)"), phone.requests());
        }

        @Test
        void initiateWhileAConferenceIsInitiatedIsTransfer() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.conferenceInitiate("2005");

            CommandException refusal = assertRefused(ErrorCode.ERROR_TRANSFER,
                    () -> phone.control.transferInitiate("2006"));

            assertEquals("A conference is already initiated; finish it with ConferenceCommit or ConferenceCancel first.",
                    refusal.getMessage());
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " "})
        void initiateWithoutADestinationIsNoDestination(String destination) {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_NO_DESTINATION, () -> phone.control.transferInitiate(destination));
        }

        @Test
        void initiateWithNoConnectedCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.held(1, 10);

            assertRefused(ErrorCode.ERROR_NO_CALL, () -> phone.control.transferInitiate("2005"));
        }

        @Test
        void whenTheConsultedPartyHangsUpTheTransferIsForgotten() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");
            phone.held(1, 10);
            phone.softphone.report(new PartyHangup(new CallRef(CONSULT)));

            assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCommit);
        }

        @Test
        void whenTheHeldCallEndsTheTransferIsForgotten() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");
            phone.connected(2, CONSULT);
            phone.call(1, LineState.IDLE, 10, Direction.OUTGOING, "2004");

            assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCommit);
            phone.control.transferInitiate("2006");
            assertEquals("transferInitiate(" + CONSULT + ", 2006)", phone.requests().get(1));
        }

        @Test
        void aFailedCommitKeepsTheTransferForACancel() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");
            phone.softphone.failNextRequestWith(new CommandException(ErrorCode.ERROR_TRANSFER, "The far end refused."));

            assertRefused(ErrorCode.ERROR_TRANSFER, phone.control::transferCommit);
            phone.control.transferCancel();

            assertEquals("transferCancel(10, " + CONSULT + ")", phone.requests().get(2));
        }
    }

    @Nested
    class Conference {
        @Test
        void initiateThenCommitJoinsThePair() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            phone.control.conferenceInitiate("2005");
            phone.control.conferenceCommit();

            assertEquals(List.of("conferenceInitiate(10, 2005)", "conferenceCommit(10, " + CONSULT + ")"),
                    phone.requests());
            assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCommit);
        }

        @Test
        void initiateThenCancelEndsTheAddedCall() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            phone.control.conferenceInitiate("2005");
            phone.control.conferenceCancel();

            assertEquals(List.of("conferenceInitiate(10, 2005)", "conferenceCancel(10, " + CONSULT + ")"),
                    phone.requests());
            assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCancel);
        }

        @Test
        void commitWithoutInitiateIsConference() {
            PhoneFixture phone = PhoneFixture.running();

            CommandException refusal = assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCommit);

            assertEquals("No conference was initiated; start one with ConferenceInitiate destination.",
                    refusal.getMessage());
        }

        @Test
        void cancelWithoutInitiateIsConference() {
            PhoneFixture phone = PhoneFixture.running();

            assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCancel);
        }

        @Test
        void aPendingTransferIsNotAConferenceToCommit() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");

            assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCommit);
        }

        @Test
        void initiateWhileATransferIsInitiatedIsConference() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.transferInitiate("2005");

            CommandException refusal = assertRefused(ErrorCode.ERROR_CONFERENCE,
                    () -> phone.control.conferenceInitiate("2006"));

            assertEquals("A transfer is already initiated; finish it with TransferCommit or TransferCancel first.",
                    refusal.getMessage());
        }

        @Test
        void initiateWithoutADestinationIsNoDestination() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);

            assertRefused(ErrorCode.ERROR_NO_DESTINATION, () -> phone.control.conferenceInitiate(" "));
        }

        @Test
        void initiateWithNoConnectedCallIsNoCall() {
            PhoneFixture phone = PhoneFixture.running();

            CommandException refusal = assertRefused(ErrorCode.ERROR_NO_CALL,
                    () -> phone.control.conferenceInitiate("2005"));

            assertEquals("There is no connected call to add to a conference.", refusal.getMessage());
        }

        @Test
        void whenTheAddedPartyHangsUpTheConferenceIsForgotten() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.conferenceInitiate("2005");
            phone.softphone.report(new PartyHangup(new CallRef(CONSULT)));

            assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCommit);
        }

        @Test
        void whenThePhoneStopsTheConferenceIsForgotten() {
            PhoneFixture phone = PhoneFixture.running();
            phone.connected(1, 10);
            phone.control.conferenceInitiate("2005");
            phone.control.exitProgram();
            phone.control.runProgram();

            assertRefused(ErrorCode.ERROR_CONFERENCE, phone.control::conferenceCommit);
        }
    }
}
