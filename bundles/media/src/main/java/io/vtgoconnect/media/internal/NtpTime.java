package io.vtgoconnect.media.internal;

import java.time.Instant;

/** NTP timestamps as RTCP carries them: 32 bits of seconds since 1900 and 32 bits of fraction. */
public final class NtpTime {
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of an instant. */
    public static long of(Instant instant) {
        long seconds = instant.getEpochSecond() + SECONDS_1900_TO_1970;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    /** The middle 32 bits, in 1/65536 s: the unit of an RTCP report's LSR and DLSR fields. */
    public static long middle(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    }

    /** A duration in the 1/65536 s units of the middle 32 bits. */
    public static long toShortUnits(long nanos) {
        return nanos * 65_536 / 1_000_000_000L;
    }

    /** A length in 1/65536 s units, in nanoseconds. */
    public static long fromShortUnits(long units) {
        return units * 1_000_000_000L / 65_536;
    }
}
