package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.Direction;
import io.vtgoconnect.api.LineState;
import java.util.List;

/** Call control wired to the doubles, as DS would wire it, with shortcuts to report calls. */
final class PhoneFixture {
    final FakeSoftphone softphone;
    final RecordingEventAdmin eventAdmin = new RecordingEventAdmin();
    final CallControlImpl control = new CallControlImpl(eventAdmin);

    private PhoneFixture(FakeSoftphone softphone) {
        this.softphone = softphone;
    }

    /** A softphone is installed but not started. */
    static PhoneFixture installed() {
        return installed(new FakeSoftphone());
    }

    static PhoneFixture installed(FakeSoftphone softphone) {
        PhoneFixture fixture = new PhoneFixture(softphone);
        fixture.control.bindTransport(softphone);
        return fixture;
    }

    /** The softphone runs; what starting it requested and posted is forgotten. */
    static PhoneFixture running() {
        return running(new FakeSoftphone());
    }

    static PhoneFixture running(FakeSoftphone softphone) {
        PhoneFixture fixture = installed(softphone);
        fixture.control.runProgram();
        fixture.forgetHistory();
        return fixture;
    }

    void forgetHistory() {
        eventAdmin.clear();
        softphone.clearRequests();
    }

    List<String> requests() {
        return softphone.requests();
    }

    CallRef call(int line, LineState state, long ref, Direction direction, String otherParty) {
        CallRef call = new CallRef(ref);
        softphone.report(softphone.lineUpdate(line, state, call, direction, otherParty));
        return call;
    }

    CallRef connected(int line, long ref) {
        return call(line, LineState.CONNECTED, ref, Direction.OUTGOING, "2004");
    }

    CallRef held(int line, long ref) {
        return call(line, LineState.HOLD, ref, Direction.OUTGOING, "2004");
    }

    CallRef ringingIn(int line, long ref) {
        return call(line, LineState.RING_IN, ref, Direction.INCOMING, "2004");
    }

    /** The line is off hook with no call on it. */
    void dialTone(int line) {
        softphone.report(softphone.lineUpdate(line, LineState.OFF_HOOK, CallRef.NONE, Direction.NONE, ""));
    }
}
