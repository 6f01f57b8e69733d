package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Measures which tones a recording holds: the share of its energy at a frequency. */
public final class ToneMeter {
    private final short[] samples;
    private final double sampleRate;

    private ToneMeter(short[] samples, double sampleRate) {
        this.samples = samples;
        this.sampleRate = sampleRate;
    }

    /** A 16-bit mono WAV recording, at its own sample rate (8 or 16 kHz). */
    public static ToneMeter of(Path wav) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] all = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(all);
            return new ToneMeter(all, in.getFormat().getSampleRate());
        }
    }

    /** The recording's sample rate. */
    public double sampleRate() {
        return sampleRate;
    }

    /** The last {@code millis} of the recording. */
    public ToneMeter last(int millis) {
        return window(Math.max(0, samples.length - samplesIn(millis)), millis);
    }

    /** Whether some stretch of {@code millis} holds each of the frequencies with at least {@code share} of its energy. */
    public boolean somewhereHolds(int millis, double share, int... hertz) {
        for (int start = 0; start + samplesIn(millis) <= samples.length; start += samplesIn(millis) / 2) {
            ToneMeter stretch = window(start, millis);
            if (java.util.Arrays.stream(hertz).allMatch(frequency -> stretch.shareAt(frequency) >= share)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The largest share of energy within {@code spread} hertz of the frequency in any stretch of
     * {@code millis}. A tone that a far end re-timed (frames dropped, repeated or stretched by its
     * jitter buffer) comes back with jumps of phase, which spread it around its pitch.
     */
    public double strongestAround(int millis, int hertz, int spread) {
        double strongest = 0;
        for (int start = 0; start + samplesIn(millis) <= samples.length; start += samplesIn(millis) / 2) {
            strongest = Math.max(strongest, window(start, millis).shareAround(hertz, spread));
        }
        return strongest;
    }

    /** The share of the energy within {@code spread} hertz of the frequency, summed over the stretch's own frequency bins. */
    private double shareAround(int hertz, int spread) {
        double binHertz = sampleRate / samples.length;
        double share = 0;
        for (double frequency = Math.max(binHertz, hertz - spread); frequency <= hertz + spread; frequency += binHertz) {
            share += shareAt(frequency);
        }
        return share;
    }

    private ToneMeter window(int start, int millis) {
        short[] part = new short[Math.min(samplesIn(millis), samples.length - start)];
        System.arraycopy(samples, start, part, 0, part.length);
        return new ToneMeter(part, sampleRate);
    }

    private int samplesIn(int millis) {
        return (int) (sampleRate * millis / 1000);
    }

    /** The share, 0 to 1, of the recording's energy that is at the frequency. */
    public double shareAt(double hertz) {
        double total = 0;
        for (short sample : samples) {
            total += (double) sample * sample;
        }
        // A pure tone of N samples and energy E has a Goertzel power of E times N/2.
        return total == 0 ? 0 : Goertzel.power(samples, hertz, sampleRate) / (total * samples.length / 2);
    }
}
