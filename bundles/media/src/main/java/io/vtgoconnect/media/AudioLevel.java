package io.vtgoconnect.media;

/**
 * The level of 16-bit audio in dBFS: the RMS of the samples against full scale, so a full-scale
 * sine reads about -3 dBFS and silence reads {@link #FLOOR}. Cheap enough for every 20 ms frame.
 */
public final class AudioLevel {
    /** The reading of silence, and the lowest of any audio: a single step of 16 bits is about -96 dBFS. */
    public static final double FLOOR = -96;
    private static final double FULL_SCALE = 32768;

    private AudioLevel() {
    }

    /** The level of the first {@code count} samples. */
    public static double dbfs(short[] samples, int count) {
        return dbfs(squares(samples, count), count);
    }

    /** The sum of the squares of the first {@code count} samples: frames add up to the level of them all. */
    public static long squares(short[] samples, int count) {
        long squares = 0;
        for (int i = 0; i < count; i++) {
            squares += samples[i] * samples[i];
        }
        return squares;
    }

    /** The level of {@code count} samples whose squares add up to {@code squares}. */
    public static double dbfs(long squares, long count) {
        if (count == 0 || squares == 0) {
            return FLOOR;
        }
        double rms = Math.sqrt((double) squares / count);
        return Math.max(FLOOR, 20 * Math.log10(rms / FULL_SCALE));
    }
}
