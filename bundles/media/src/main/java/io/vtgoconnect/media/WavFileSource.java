package io.vtgoconnect.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Plays a sound file, once (then silence) or in a loop. The file is read whole when opened, so
 * that the clock thread never waits for the disk: fine for prompts and music on hold, not for
 * hours of audio. Any format the JDK can convert to 8 kHz 16-bit mono is accepted (WAV in PCM,
 * u-law or A-law, at any rate, mono or stereo; AU; AIFF).
 */
public final class WavFileSource implements AudioSource {
    /** 8 kHz, 16-bit signed little-endian, mono. */
    static final AudioFormat FORMAT = new AudioFormat(MediaEngine.SAMPLE_RATE, 16, 1, true, false);

    private final short[] samples;
    private final boolean loop;
    private volatile int position;

    private WavFileSource(short[] samples, boolean loop) {
        this.samples = samples;
        this.loop = loop;
    }

    /**
     * Reads the file.
     *
     * @throws IOException when it cannot be read, or its format cannot be converted
     */
    public static WavFileSource open(Path file, boolean loop) throws IOException {
        try (AudioInputStream original = AudioSystem.getAudioInputStream(file.toFile());
                AudioInputStream converted = convert(original)) {
            ByteBuffer bytes = ByteBuffer.wrap(converted.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return new WavFileSource(samples, loop);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + " is not a sound file the JDK reads", e);
        }
    }

    /** Whether a source that does not loop has played all of its file. */
    public boolean finished() {
        return !loop && position >= samples.length;
    }

    @Override
    public void read(short[] frame) {
        int at = position;
        for (int i = 0; i < frame.length; i++) {
            if (at >= samples.length && loop && samples.length > 0) {
                at = 0;
            }
            frame[i] = at < samples.length ? samples[at++] : 0;
        }
        position = at;
    }

    private static AudioInputStream convert(AudioInputStream in) throws IOException {
        if (in.getFormat().matches(FORMAT)) {
            return in;
        }
        if (!AudioSystem.isConversionSupported(FORMAT, in.getFormat())) {
            throw new IOException("cannot convert " + in.getFormat() + " to " + FORMAT);
        }
        return AudioSystem.getAudioInputStream(FORMAT, in);
    }
}
