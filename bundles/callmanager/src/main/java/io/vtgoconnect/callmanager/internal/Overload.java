package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.api.rate.RateLimit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.osgi.service.log.Logger;

/**
 * The server's local overload control (RFC 6357 section 5): a new call is refused with 503 and
 * Retry-After, as it arrives, while the work waiting, the free RTP ports or the memory near
 * their limits; calls in progress go on. Past half of overload.queue, a share of the new calls
 * that grows with the work waiting is refused (all of them at overload.queue), so that the calls
 * admitted keep a steady rate instead of all or none by turns, as the queue swings about one
 * threshold. With overload.calls.per.second, new calls past that rate are refused as well, so
 * that the calls admitted keep that rate whatever the processors have to spare from one second to
 * the next. Asked on the SIP stack's reading threads for every new INVITE, so it only reads
 * counters. Says in one log line when it begins to refuse, and in one when it stops, with how
 * many calls it refused.
 */
final class Overload {
    private static final long CALM_NANOS = 1_000_000_000L;
    private final int maxQueued;
    private final int minFreePortPairs;
    private final int maxHeapPercent;
    private final int callsPerSecond;
    /** Null without overload.calls.per.second. */
    private final RateLimit callRate;
    private final IntSupplier queued;
    private final IntSupplier freePortPairs;
    /** The heap's old generation, whose use after its last collection is the memory calls hold. */
    private final MemoryPoolMXBean oldGeneration;
    private final Logger log;
    private final LongSupplier nanoClock;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedBefore = new AtomicLong();
    private final AtomicBoolean overloaded = new AtomicBoolean();
    /** When the last call was refused (on the nano clock): the overload is over once calls are admitted for a second after it. */
    private volatile long lastRefusalNanos;
    /** Thousandths of a refusal owed: each new call past half the queue adds its share, and one is refused per thousand. */
    private final AtomicLong owed = new AtomicLong();

    Overload(ServerSettings settings, IntSupplier queued, IntSupplier freePortPairs, Logger log) {
        this(settings, queued, freePortPairs, log, System::nanoTime);
    }

    /** @param nanoClock System.nanoTime, or a test's clock */
    Overload(ServerSettings settings, IntSupplier queued, IntSupplier freePortPairs, Logger log, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.maxQueued = settings.overload_queue();
        this.minFreePortPairs = settings.overload_rtp_pairs();
        this.maxHeapPercent = settings.overload_heap_percent();
        this.callsPerSecond = settings.overload_calls_per_second();
        // A tenth of a second's calls at once: what a caller's pacing jitters by, not a second's burst.
        this.callRate = callsPerSecond > 0 ? new RateLimit(callsPerSecond, Math.max(1, callsPerSecond / 10), nanoClock) : null;
        this.queued = queued;
        this.freePortPairs = freePortPairs;
        this.log = log;
        this.oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .findFirst().orElse(null);
    }

    /**
     * Why a new call would be refused now, if it would; the first refusal after a calm (a call
     * admitted {@value #CALM_NANOS} ns after the last refusal) is logged, and so is the calm.
     */
    Optional<String> refusal() {
        return refusal(true);
    }

    /**
     * As {@link #refusal()}, for a new call already past {@link #refusal()} once (as its datagram
     * was read): only a limit reached refuses it now, not the share refused past half the queue, nor
     * the rate, which it was counted in then.
     */
    Optional<String> refusalAtLimit() {
        return refusal(false);
    }

    private Optional<String> refusal(boolean arriving) {
        Optional<String> why = limitNear(arriving);
        long now = nanoClock.getAsLong();
        if (why.isPresent()) {
            refused.incrementAndGet();
            lastRefusalNanos = now;
            if (overloaded.compareAndSet(false, true)) {
                log.warn("Overloaded ({}): new calls get 503 with Retry-After until it eases; calls in progress go on", why.get());
            }
        } else if (overloaded.get() && now - lastRefusalNanos >= CALM_NANOS && overloaded.compareAndSet(true, false)) {
            long refusedNow = refused.get();
            log.info("No longer overloaded: {} new calls were refused with 503", refusedNow - refusedBefore.getAndSet(refusedNow));
        }
        return why;
    }

    /** New calls refused so far. */
    long refused() {
        return refused.get();
    }

    /** @param arriving a call seen for the first time: it takes its place in the share past half the queue and in the rate */
    private Optional<String> limitNear(boolean arriving) {
        int waiting = queued.getAsInt();
        if (waiting >= maxQueued) {
            return Optional.of(waiting + " SIP events waiting, overload.queue is " + maxQueued);
        }
        int half = maxQueued / 2;
        if (arriving && waiting > half && owed.addAndGet(1000L * (waiting - half) / (maxQueued - half)) >= 1000) {
            owed.addAndGet(-1000);
            return Optional.of(waiting + " SIP events waiting, past half of overload.queue (" + maxQueued
                    + "): a share of new calls is refused");
        }
        int free = freePortPairs.getAsInt();
        if (free < minFreePortPairs) {
            return Optional.of(free + " RTP port pairs free, overload.rtp.pairs is " + minFreePortPairs);
        }
        if (oldGeneration != null && oldGeneration.getCollectionUsage() != null) {
            long held = oldGeneration.getCollectionUsage().getUsed();
            long percent = 100 * held / Runtime.getRuntime().maxMemory();
            if (percent >= maxHeapPercent) {
                return Optional.of("calls hold " + percent + " % of the heap, overload.heap.percent is " + maxHeapPercent);
            }
        }
        // Last: a call refused for another limit takes no place in the rate.
        if (arriving && callRate != null && !callRate.take()) {
            return Optional.of("more than " + callsPerSecond + " new calls a second, overload.calls.per.second is " + callsPerSecond);
        }
        return Optional.empty();
    }
}
