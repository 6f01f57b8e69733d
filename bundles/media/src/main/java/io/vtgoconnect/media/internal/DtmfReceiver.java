package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.DtmfListener;

/**
 * Reports each received telephone event once. An event is known by its RTP timestamp (RFC 4733
 * section 2.5.2.1): the first packet seen with a new timestamp reports the digit, so updates,
 * duplicates and the retransmitted end packets of the same event are ignored, and an event
 * whose first packets were lost is still reported. A packet older than the last event (reordered
 * from before it) is ignored too.
 */
public final class DtmfReceiver {
    private final DtmfListener listener;
    private boolean anyEvent;
    private long lastEventTimestamp;

    public DtmfReceiver(DtmfListener listener) {
        this.listener = listener;
    }

    /** Takes one telephone-event packet of the stream. */
    public void accept(long timestamp, TelephoneEvent event) {
        if (anyEvent && (int) (timestamp - lastEventTimestamp) <= 0) {
            return;
        }
        anyEvent = true;
        lastEventTimestamp = timestamp;
        if (event.isDigit()) {
            listener.digitReceived(event.digit());
        }
    }

    /** Forgets the last event, for a new stream (a new SSRC). */
    public void reset() {
        anyEvent = false;
    }
}
