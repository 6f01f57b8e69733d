package io.vtgoconnect.media;

import java.util.Arrays;

/** Keeps everything a session plays, and counts frames, so that a test can wait for ticks. */
final class RecordingSink implements AudioSink {
    private final int sampleRate;
    private short[] samples = new short[8000];
    private int length;
    private long frames;
    private long audibleFrames;

    /** A sink at 8 kHz. */
    RecordingSink() {
        this(MediaEngine.SAMPLE_RATE);
    }

    RecordingSink(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public synchronized void write(short[] frame, int count) {
        if (length + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + count));
        }
        System.arraycopy(frame, 0, samples, length, count);
        length += count;
        frames++;
        for (int i = 0; i < count; i++) {
            if (frame[i] != 0) {
                audibleFrames++;
                break;
            }
        }
    }

    synchronized short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    /** Frames played so far: one per 20 ms tick. */
    synchronized long frames() {
        return frames;
    }

    /** Frames played so far with no sound at all, from the {@code first} on. */
    synchronized long silentFramesFrom(long first) {
        int frame = MediaEngine.frameSamples(sampleRate);
        long silent = 0;
        for (long start = first * frame; start + frame <= length; start += frame) {
            boolean quiet = true;
            for (int i = 0; i < frame && quiet; i++) {
                quiet = samples[(int) start + i] == 0;
            }
            if (quiet) {
                silent++;
            }
        }
        return silent;
    }

    /** Frames with any sound in them. */
    synchronized long audibleFrames() {
        return audibleFrames;
    }

    /** Waits until the session has ticked {@code count} more times. */
    void awaitFrames(long count) {
        long target = frames() + count;
        Await.until(target + " frames played", () -> frames() >= target);
    }
}
