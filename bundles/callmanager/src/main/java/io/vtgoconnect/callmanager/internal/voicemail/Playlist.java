package io.vtgoconnect.callmanager.internal.voicemail;

import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.WavFileSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Sound files played one after the other, then silence; {@code whenDone} is run once, on the
 * media clock thread, after the last one (so it must only hand work on).
 */
final class Playlist implements AudioSource {
    private final ArrayDeque<WavFileSource> files;
    private final Runnable whenDone;
    private boolean done;

    Playlist(List<WavFileSource> files, Runnable whenDone) {
        this.files = new ArrayDeque<>(files);
        this.whenDone = whenDone;
    }

    @Override
    public void read(short[] frame) {
        while (!files.isEmpty() && files.peekFirst().finished()) {
            files.removeFirst();
        }
        if (files.isEmpty()) {
            Arrays.fill(frame, (short) 0);
            if (!done) {
                done = true;
                whenDone.run();
            }
            return;
        }
        files.peekFirst().read(frame);
    }
}
