package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The sample rate audio is given or taken at, shared by {@link AudioSource} and {@link AudioSink}
 * so that a class that is both (an echo, a conference party) has one rate.
 */
@ConsumerType
public interface AudioRate {
    /** 8000 (the default: telephone audio) or 16000 (wideband). */
    default int sampleRate() {
        return MediaEngine.SAMPLE_RATE;
    }
}
