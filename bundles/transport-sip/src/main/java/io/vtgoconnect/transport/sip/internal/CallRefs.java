package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import java.util.concurrent.atomic.AtomicLong;

/** Hands out call references, unique while the bundle runs, starting from a value that differs per start. */
final class CallRefs {
    private final AtomicLong last = new AtomicLong(System.currentTimeMillis() / 1000 % 10_000_000 * 10 + 20_000_000);

    CallRef next() {
        return new CallRef(last.incrementAndGet());
    }
}
