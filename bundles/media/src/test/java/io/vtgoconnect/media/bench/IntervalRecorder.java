package io.vtgoconnect.media.bench;

import io.vtgoconnect.media.AudioSource;
import java.util.Arrays;
import java.util.stream.LongStream;

/** An audio source that notes the time between reads: the session's send interval. */
public final class IntervalRecorder implements AudioSource {
    private final AudioSource audio;
    private final long[] intervals;
    private volatile boolean recording;
    private int count;
    private long lastRead;

    public IntervalRecorder(AudioSource audio, int capacity) {
        this.audio = audio;
        this.intervals = new long[capacity];
    }

    @Override
    public void read(short[] frame) {
        long now = System.nanoTime();
        if (recording && lastRead != 0 && count < intervals.length) {
            intervals[count++] = now - lastRead;
        }
        lastRead = now;
        audio.read(frame);
    }

    public void start() {
        recording = true;
    }

    public void stop() {
        recording = false;
    }

    /** Read after stop(); the clock thread's writes are visible through the volatile flag. */
    public LongStream intervals() {
        return Arrays.stream(intervals, 0, count);
    }
}
