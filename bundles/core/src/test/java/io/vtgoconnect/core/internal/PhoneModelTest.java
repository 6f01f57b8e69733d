package io.vtgoconnect.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.core.internal.Consultation.Kind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the model follows what the softphone reports. */
class PhoneModelTest {
    private static final CallRef A = new CallRef(10);
    private static final CallRef B = new CallRef(20);

    private final PhoneModel model = new PhoneModel();

    @BeforeEach
    void configureAndStart() {
        model.configure(FakeSoftphone.MANUAL_LINES, FakeSoftphone.MANUAL_SPEED_DIALS);
        model.apply(new SoftphoneConnected());
    }

    private static LineUpdate update(int line, LineState state, CallRef call) {
        return new LineUpdate(line, "200" + line, "", line, state, call, Direction.OUTGOING, "2004");
    }

    @Test
    void runsFromSoftphoneConnectedUntilSoftphoneDisconnected() {
        assertTrue(model.isRunning());

        model.apply(new SoftphoneDisconnected("stopped"));

        assertFalse(model.isRunning());
    }

    @Test
    void aLineUpdateCreatesACallAndTheNextOneChangesItInPlace() {
        model.apply(update(1, LineState.PROCEED, A));
        model.apply(update(2, LineState.RING_IN, B));
        model.apply(update(1, LineState.CONNECTED, A));

        assertEquals(Optional.of(new Call(A, 1, LineState.CONNECTED, Direction.OUTGOING, "2004")), model.call(A));
        assertEquals(Optional.of(A), model.firstCall(state -> true).map(Call::ref));
    }

    @Test
    void aFinalLineUpdateRemovesTheCall() {
        model.apply(update(1, LineState.CONNECTED, A));
        model.apply(update(2, LineState.CONNECTED, B));

        model.apply(update(1, LineState.IDLE, A));
        model.apply(update(2, LineState.ON_HOOK, B));

        assertEquals(Optional.empty(), model.firstCall(state -> true));
    }

    @Test
    void partyHangupRemovesTheCall() {
        model.apply(update(1, LineState.CONNECTED, A));

        model.apply(new PartyHangup(A));

        assertEquals(Optional.empty(), model.call(A));
    }

    @Test
    void softphoneDisconnectedForgetsCallsDialTonesAndTheConsultation() {
        model.apply(update(1, LineState.CONNECTED, A));
        model.apply(update(2, LineState.OFF_HOOK, CallRef.NONE));
        model.consultationStarted(new Consultation(Kind.TRANSFER, A, B));

        model.apply(new SoftphoneDisconnected("stopped"));

        assertEquals(Optional.empty(), model.firstCall(state -> true));
        assertEquals(OptionalInt.empty(), model.firstOffHookLine());
        assertEquals(Optional.empty(), model.consultation());
        assertEquals(List.of(1, 2), model.lineIds());
    }

    @Test
    void aLineOffHookWithoutACallHasADialToneUntilItGoesOnHook() {
        model.apply(update(2, LineState.OFF_HOOK, CallRef.NONE));

        assertEquals(OptionalInt.of(2), model.firstOffHookLine());
        assertEquals(OptionalInt.of(2), model.availableLine());

        model.apply(update(2, LineState.ON_HOOK, CallRef.NONE));

        assertEquals(OptionalInt.empty(), model.firstOffHookLine());
        assertEquals(OptionalInt.of(1), model.availableLine());
    }

    @Test
    void theCallServerLinkFollowsItsEvents() {
        model.apply(new CallManagerConnected());
        assertEquals(new CallManagerConnected(), model.snapshot().get(0));

        model.apply(new CallManagerDisconnected("expired"));
        assertEquals(new CallManagerDisconnected("not registered"), model.snapshot().get(0));
    }

    @Test
    void theConsultationIsForgottenWhenEitherOfItsCallsEnds() {
        Consultation consultation = new Consultation(Kind.CONFERENCE, A, B);
        model.consultationStarted(consultation);
        model.apply(new PartyHangup(new CallRef(99)));
        assertEquals(Optional.of(consultation), model.consultation());

        model.apply(update(1, LineState.IDLE, A));

        assertEquals(Optional.empty(), model.consultation());
    }

    @Test
    void endingAConsultationLeavesANewerOneAlone() {
        Consultation old = new Consultation(Kind.TRANSFER, A, B);
        Consultation newer = new Consultation(Kind.TRANSFER, A, new CallRef(30));
        model.consultationStarted(newer);

        model.consultationEnded(old);

        assertEquals(Optional.of(newer), model.consultation());
    }

    @Test
    void resetForgetsEverythingAndSaysWhetherThePhoneRan() {
        model.apply(update(1, LineState.CONNECTED, A));

        assertTrue(model.reset());

        assertFalse(model.isRunning());
        assertEquals(List.of(), model.lineIds());
        assertEquals(Optional.empty(), model.call(A));
        assertFalse(model.reset());
    }

    @Test
    void aNewConfigurationReplacesTheLines() {
        model.configure(List.of(new LineConfig(3, "2003", "", 1)), List.of());

        assertEquals(List.of(3), model.lineIds());
    }
}
