package io.vtgoconnect.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told the levels of a session's audio, in dBFS ({@link AudioLevel}), every
 * {@link RtpSession#LEVEL_FRAMES} frames (five times a second): what it sent since the last reading
 * (after the microphone gain and mute; the floor while it sends nothing) and what it received
 * (before the speaker gain; the floor while nothing arrives). Called on the engine's clock thread:
 * return quickly and never block.
 */
@ConsumerType
@FunctionalInterface
public interface LevelListener {
    void levels(double sentDbfs, double receivedDbfs);
}
