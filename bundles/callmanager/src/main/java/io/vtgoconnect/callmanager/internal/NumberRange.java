package io.vtgoconnect.callmanager.internal;

/** Consecutive numbers, configured as {@code first-last} (meet-me rooms, park orbits). */
record NumberRange(long first, long last) {
    /** Longer numbers are not directory numbers (and would not fit a long). */
    private static final int MAX_DIGITS = 18;

    /** @throws IllegalArgumentException when the text is not first-last with first at most last */
    static NumberRange parse(String text) {
        String[] ends = text.strip().split("\\s*-\\s*", -1);
        if (ends.length != 2 || !isNumber(ends[0]) || !isNumber(ends[1]) || Long.parseLong(ends[0]) > Long.parseLong(ends[1])) {
            throw new IllegalArgumentException("\"" + text + "\" is not a range of numbers first-last, such as 5000-5009");
        }
        return new NumberRange(Long.parseLong(ends[0]), Long.parseLong(ends[1]));
    }

    boolean contains(String number) {
        return isNumber(number) && Long.parseLong(number) >= first && Long.parseLong(number) <= last;
    }

    private static boolean isNumber(String text) {
        return text.matches("[0-9]{1," + MAX_DIGITS + "}");
    }
}
