package io.vtgoconnect.callmanager.internal.endpoints;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.MediaEngine;
import java.util.ArrayDeque;
import java.util.Arrays;

/** Sends back what it hears, a few frames later; silence while it has heard nothing. */
final class Echo implements AudioSink, AudioSource {
    /** More frames than this waiting are dropped, so the delay stays short. */
    private static final int MAX_FRAMES = 10;

    private final ArrayDeque<short[]> frames = new ArrayDeque<>();

    @Override
    public synchronized void write(short[] samples, int count) {
        if (frames.size() >= MAX_FRAMES) {
            frames.removeFirst();
        }
        frames.addLast(Arrays.copyOf(samples, Math.min(count, MediaEngine.FRAME_SAMPLES)));
    }

    @Override
    public synchronized void read(short[] frame) {
        short[] heard = frames.pollFirst();
        Arrays.fill(frame, (short) 0);
        if (heard != null) {
            System.arraycopy(heard, 0, frame, 0, Math.min(heard.length, frame.length));
        }
    }
}
