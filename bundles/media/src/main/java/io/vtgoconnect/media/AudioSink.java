package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where received audio goes: a session writes one frame every 20 ms (silence when nothing
 * arrived in time), on an engine clock thread that ticks many sessions, so it must return at
 * once. The array is reused after the call returns: copy what is to be kept. A sink at another
 * rate than its session's codec gets the audio resampled.
 */
@ConsumerType
@FunctionalInterface
public interface AudioSink extends AudioRate {
    /** Takes the first {@code count} samples of {@code samples} (16-bit PCM at its {@link #sampleRate()}). */
    void write(short[] samples, int count);

    /**
     * The sink that drops everything, always the same one: a session that plays into it, with no
     * level reading asked for, does not decode what it receives.
     */
    static AudioSink discard() {
        return Discard.SINK;
    }
}
