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
 * hours of audio. Any format the JDK can convert to 16-bit mono at the source's rate (8 or
 * 16 kHz) is accepted (WAV in PCM, u-law or A-law, at any rate, mono or stereo; AU; AIFF).
 */
public final class WavFileSource implements AudioSource {

    private final short[] samples;
    private final boolean loop;
    private final int sampleRate;
    private volatile int position;

    private WavFileSource(short[] samples, boolean loop, int sampleRate) {
        this.samples = samples;
        this.loop = loop;
        this.sampleRate = sampleRate;
    }

    /**
     * Reads the file, converted to 8 kHz.
     *
     * @throws IOException when it cannot be read, or its format cannot be converted
     */
    public static WavFileSource open(Path file, boolean loop) throws IOException {
        return open(file, loop, MediaEngine.SAMPLE_RATE);
    }

    /**
     * Reads the file, converted to this rate (8000 or 16000).
     *
     * @throws IOException when it cannot be read, or its format cannot be converted
     */
    public static WavFileSource open(Path file, boolean loop, int sampleRate) throws IOException {
        MediaEngine.frameSamples(sampleRate);
        try (AudioInputStream original = AudioSystem.getAudioInputStream(file.toFile());
                AudioInputStream converted = convert(original, format(sampleRate))) {
            ByteBuffer bytes = ByteBuffer.wrap(converted.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return new WavFileSource(samples, loop, sampleRate);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + " is not a sound file the JDK reads", e);
        }
    }

    /** Whether a source that does not loop has played all of its file. */
    public boolean finished() {
        return !loop && position >= samples.length;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** 16-bit signed little-endian mono at this rate. */
    static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
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

    private static AudioInputStream convert(AudioInputStream in, AudioFormat target) throws IOException {
        if (in.getFormat().matches(target)) {
            return in;
        }
        if (!AudioSystem.isConversionSupported(target, in.getFormat())) {
            throw new IOException("cannot convert " + in.getFormat() + " to " + target);
        }
        return AudioSystem.getAudioInputStream(target, in);
    }
}
