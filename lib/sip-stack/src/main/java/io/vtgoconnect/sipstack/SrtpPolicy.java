package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.srtp.SdesCrypto;
import io.vtgoconnect.media.srtp.SrtpSuite;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a line's calls negotiate SRTP: the mode, and the crypto suites it offers and accepts, most
 * wanted first. Keys are made fresh from a strong generator for each offer and answer, and an
 * answer to a later offer of the same call keeps the key this end already sends with.
 */
public record SrtpPolicy(SrtpMode mode, List<SrtpSuite> suites) {
    /** Plain RTP. */
    public static final SrtpPolicy OFF = new SrtpPolicy(SrtpMode.OFF, List.of());
    private static final SecureRandom RANDOM = new SecureRandom();

    public SrtpPolicy {
        Objects.requireNonNull(mode, "mode");
        suites = List.copyOf(suites);
        if (mode != SrtpMode.OFF && suites.isEmpty()) {
            throw new IllegalArgumentException("SRTP " + mode + " names no crypto suite");
        }
    }

    /** The mode with both suites of the engine, the 80-bit tag first. */
    public static SrtpPolicy of(SrtpMode mode) {
        return mode == SrtpMode.OFF ? OFF : new SrtpPolicy(mode, List.of(SrtpSuite.values()));
    }

    /** The transport profile of an offer: {@code RTP/SAVP} when SRTP is mandatory, else {@code RTP/AVP}. */
    String offerProfile() {
        return mode == SrtpMode.MANDATORY ? SessionDescription.SECURE_PROFILE : SessionDescription.PLAIN_PROFILE;
    }

    /** The {@code a=crypto} lines of a new offer: one per suite, each with a fresh key; none when off. */
    List<SdesCrypto> offerLines() {
        return mode == SrtpMode.OFF ? List.of() : SdesCrypto.offer(suites, RANDOM);
    }

    /**
     * The line that answers an offer's lines: the first acceptable one's tag and suite, with the
     * key of {@code own} when that is of the same suite (a later offer in the call), else a fresh one.
     */
    Optional<SdesCrypto> answerLine(List<SdesCrypto> offered, List<SdesCrypto> own) {
        if (mode == SrtpMode.OFF) {
            return Optional.empty();
        }
        return SdesCrypto.choose(offered, suites).map(chosen -> own.stream().filter(line -> line.suite() == chosen.suite())
                .findFirst().map(kept -> new SdesCrypto(chosen.tag(), chosen.suite(), kept.key(), 0, "", List.of()))
                .orElseGet(() -> chosen.answer(RANDOM)));
    }
}
