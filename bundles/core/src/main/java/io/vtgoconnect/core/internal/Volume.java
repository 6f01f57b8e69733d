package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.control.CallControl;
import java.util.function.IntConsumer;

/**
 * A volume in percent, kept within {@link CallControl#VOLUME_MIN}..{@link CallControl#VOLUME_MAX}.
 * A new value is kept only once the softphone took it, so that a failed change leaves it as it was.
 */
final class Volume {
    private int percent;

    Volume(int percent) {
        this.percent = percent;
    }

    /** Moves the volume by {@code delta}, hands the new value to {@code apply}, and returns it. */
    synchronized int change(int delta, IntConsumer apply) {
        int next = Math.max(CallControl.VOLUME_MIN, Math.min(CallControl.VOLUME_MAX, percent + delta));
        apply.accept(next);
        percent = next;
        return next;
    }
}
