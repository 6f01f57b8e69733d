package io.vtgoconnect.callmanager.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/** A block of directory numbers of one length, such as the park orbits 5800-5819, in order. */
record NumberRange(List<String> numbers) {
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*-\\s*(\\d+)\\s*");
    /** More numbers than this is a typing slip, not a range anyone dials. */
    private static final int MAX_SIZE = 1000;

    /** @throws IllegalArgumentException naming the setting, when the text is not first-last with first <= last */
    static NumberRange parse(String setting, String text) {
        Matcher range = RANGE.matcher(text);
        if (!range.matches() || range.group(1).length() != range.group(2).length()) {
            throw new IllegalArgumentException(setting + " \"" + text + "\" is not first-last, two numbers of the same length"
                    + " such as 5800-5819");
        }
        long first = Long.parseLong(range.group(1));
        long last = Long.parseLong(range.group(2));
        if (first > last || last - first >= MAX_SIZE) {
            throw new IllegalArgumentException(setting + " \"" + text + "\" must go upwards, by at most " + MAX_SIZE + " numbers");
        }
        String format = "%0" + range.group(1).length() + "d";
        return new NumberRange(LongStream.rangeClosed(first, last).mapToObj(number -> String.format(format, number)).toList());
    }

    boolean contains(String number) {
        return numbers.contains(number);
    }
}
