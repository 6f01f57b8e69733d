package io.vtgoconnect.callmanager.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.osgi.service.log.Logger;

/**
 * The server's local overload control (RFC 6357 section 5): a new call is refused with 503 and
 * Retry-After, as it arrives, while the work waiting, the free RTP ports or the memory near
 * their limits; calls in progress go on. Asked on the SIP stack's reading threads for every new
 * INVITE, so it only reads counters. Says in one log line when it begins to refuse, and in one
 * when it stops, with how many calls it refused.
 */
final class Overload {
    private final int maxQueued;
    private final int minFreePortPairs;
    private final int maxHeapPercent;
    private final IntSupplier queued;
    private final IntSupplier freePortPairs;
    /** The heap's old generation, whose use after its last collection is the memory calls hold. */
    private final MemoryPoolMXBean oldGeneration;
    private final Logger log;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedBefore = new AtomicLong();
    private final AtomicBoolean overloaded = new AtomicBoolean();

    Overload(ServerSettings settings, IntSupplier queued, IntSupplier freePortPairs, Logger log) {
        this.maxQueued = settings.overload_queue();
        this.minFreePortPairs = settings.overload_rtp_pairs();
        this.maxHeapPercent = settings.overload_heap_percent();
        this.queued = queued;
        this.freePortPairs = freePortPairs;
        this.log = log;
        this.oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .findFirst().orElse(null);
    }

    /** Why a new call would be refused now, if it would; the first refusal after a calm is logged. */
    Optional<String> refusal() {
        Optional<String> why = limitNear();
        if (why.isPresent()) {
            refused.incrementAndGet();
            if (overloaded.compareAndSet(false, true)) {
                log.warn("Overloaded ({}): new calls get 503 with Retry-After until it eases; calls in progress go on", why.get());
            }
        } else if (overloaded.compareAndSet(true, false)) {
            long now = refused.get();
            log.info("No longer overloaded: {} new calls were refused with 503", now - refusedBefore.getAndSet(now));
        }
        return why;
    }

    /** New calls refused so far. */
    long refused() {
        return refused.get();
    }

    private Optional<String> limitNear() {
        int waiting = queued.getAsInt();
        if (waiting >= maxQueued) {
            return Optional.of(waiting + " SIP events waiting, overload.queue is " + maxQueued);
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
        return Optional.empty();
    }
}
