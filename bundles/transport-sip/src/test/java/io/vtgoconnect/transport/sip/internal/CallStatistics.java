package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.CallStatsUpdate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Waits for a call's statistics to show something; they change only as packets flow, so they are read again until then. */
public final class CallStatistics {
    private CallStatistics() {
    }

    public static CallStatsUpdate await(SipSoftphone phone, CallRef call, Predicate<CallStatsUpdate> matching) {
        long deadline = System.nanoTime() + RecordingListener.TIMEOUT.toNanos();
        CallStatsUpdate stats = phone.callStats(call);
        while (!matching.test(stats)) {
            assertTrue(System.nanoTime() < deadline, "Statistics never matched: " + stats);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            stats = phone.callStats(call);
        }
        return stats;
    }

    /** Waits until the phone received another second of G.711 audio on the call. */
    public static void awaitAnotherSecondReceived(SipSoftphone phone, CallRef call) {
        long before = phone.callStats(call).received();
        await(phone, call, stats -> stats.received() >= before + 8000);
    }

    /**
     * Waits until audio flows both ways, then for {@code seconds} more of the call and at least
     * {@code bytes} more received, then hangs the call up and waits for the phone's line to be idle:
     * returns the statistics at that point.
     */
    public static CallStatsUpdate hangUpAfterHearing(SipSoftphone phone, RecordingListener events, CallRef call,
            int seconds, long bytes) {
        CallStatsUpdate first = await(phone, call, CallStatistics::flowsBothWays);
        CallStatsUpdate later = await(phone, call, stats -> stats.callLength() >= first.callLength() + seconds
                && stats.received() >= first.received() + bytes);
        phone.hangUp(call);
        events.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
        return later;
    }

    /** Audio went both ways. */
    public static boolean flowsBothWays(CallStatsUpdate stats) {
        return stats.sent() > 0 && stats.received() > 0;
    }
}
