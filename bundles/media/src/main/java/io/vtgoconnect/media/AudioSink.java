package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where received audio goes: a session writes one frame every 20 ms (silence when nothing
 * arrived in time), on an engine clock thread that ticks many sessions, so it must return at
 * once. The array is reused after the call returns: copy what is to be kept.
 */
@ConsumerType
@FunctionalInterface
public interface AudioSink {
    /** Takes the first {@code count} samples of {@code samples} (16-bit PCM at 8 kHz). */
    void write(short[] samples, int count);

    /** A sink that drops everything. */
    static AudioSink discard() {
        return (samples, count) -> {
        };
    }
}
