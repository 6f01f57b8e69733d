package io.vtgoconnect.media.bench;

import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.MediaEngine;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

    @Override
    public int sampleRate() {
        return audio.sampleRate();
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

    /**
     * Reads a frame every 20 ms until the thread is interrupted, as a session's clock would with no
     * work to do: the control that shows the machine's own timer jitter beside the sessions'.
     */
    public void readEveryFrame() {
        short[] frame = new short[MediaEngine.frameSamples(sampleRate())];
        long deadline = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            deadline += TimeUnit.MILLISECONDS.toNanos(MediaEngine.FRAME_MILLIS);
            for (long now; (now = System.nanoTime()) < deadline && !Thread.currentThread().isInterrupted();) {
                LockSupport.parkNanos(deadline - now);
            }
            read(frame);
        }
    }
}
