package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;

/**
 * A call between two registered phones, answered, that went on until audio flowed both ways and the
 * callee received 16,000 more bytes of it, then hung up by the caller.
 *
 * @param callerStats the caller's statistics once audio flowed both ways
 * @param calleeCall the call as the callee knew it (its recording is {@code call-<calleeCall>.wav})
 */
record TalkedCall(CallStatsUpdate callerStats, CallRef calleeCall) {

    static TalkedCall between(SipSoftphone caller, RecordingListener callerEvents, SipSoftphone callee,
            RecordingListener calleeEvents, String calleeNumber) {
        CallRef outgoing = caller.dial(1, calleeNumber);
        IncomingCall ringing = calleeEvents.await(IncomingCall.class);
        callee.answer(ringing.callRef());
        callerEvents.await(LineUpdate.class, update -> update.callRef().equals(outgoing) && update.state() == LineState.CONNECTED);
        CallStatsUpdate stats = CallStatistics.await(caller, outgoing, CallStatistics::flowsBothWays);
        long before = callee.callStats(ringing.callRef()).received();
        CallStatistics.await(callee, ringing.callRef(), later -> later.received() >= before + 16000);
        caller.hangUp(outgoing);
        calleeEvents.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        return new TalkedCall(stats, ringing.callRef());
    }
}
