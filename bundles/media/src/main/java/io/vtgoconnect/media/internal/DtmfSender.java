package io.vtgoconnect.media.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Turns queued digits into RFC 4733 telephone-event packets, one per 20 ms frame: each digit is a
 * 100 ms event whose first packet carries the marker, then updates of growing duration, then the
 * end packet sent three times (section 2.5.1.4), all with the event's start timestamp; a 60 ms
 * pause of audio separates digits. Digits may be queued from any thread; {@link #next} belongs to
 * the sending thread. Durations count the RTP clock of the audio codec (RFC 4733 section 2.3: the
 * events share the audio's clock rate).
 */
public final class DtmfSender {
    /** Event volume: -10 dBm0, a usual DTMF level. */
    static final int VOLUME = 10;
    static final int TONE_FRAMES = 5;
    static final int END_PACKETS = 3;
    static final int PAUSE_FRAMES = 3;

    /** What to send in one frame instead of audio. */
    public record Step(boolean marker, long timestamp, TelephoneEvent event) {
    }

    private final Queue<Character> queue = new ConcurrentLinkedQueue<>();
    private final int frameClockUnits;
    private int event = -1;
    private int frame;
    private long eventTimestamp;
    private int pauseFrames;

    /** @param frameClockUnits RTP timestamp units of one 20 ms frame (160 at 8000 Hz, 960 at 48000 Hz) */
    public DtmfSender(int frameClockUnits) {
        this.frameClockUnits = frameClockUnits;
    }

    /**
     * Queues digits to send after those already queued.
     *
     * @throws IllegalArgumentException when one of them is not 0-9, *, # or A-D; none is queued then
     */
    public void enqueue(String digits) {
        for (char digit : digits.toCharArray()) {
            if (TelephoneEvent.eventCode(digit) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
            }
        }
        for (char digit : digits.toCharArray()) {
            queue.add(digit);
        }
    }

    /** Whether digits are queued or one is being sent (or the pause after it runs). */
    public boolean busy() {
        return event >= 0 || pauseFrames > 0 || !queue.isEmpty();
    }

    /**
     * The telephone event to send in the frame that starts at {@code timestamp}, or null to send
     * audio in it.
     */
    public Step next(long timestamp) {
        if (event < 0) {
            if (pauseFrames > 0) {
                pauseFrames--;
                return null;
            }
            Character digit = queue.poll();
            if (digit == null) {
                return null;
            }
            event = TelephoneEvent.eventCode(digit);
            frame = 0;
            eventTimestamp = timestamp;
        }
        frame++;
        boolean end = frame >= TONE_FRAMES;
        int duration = Math.min(frame, TONE_FRAMES) * frameClockUnits;
        Step step = new Step(frame == 1, eventTimestamp, new TelephoneEvent(event, end, VOLUME, duration));
        if (frame == TONE_FRAMES + END_PACKETS - 1) {
            event = -1;
            pauseFrames = PAUSE_FRAMES;
        }
        return step;
    }
}
