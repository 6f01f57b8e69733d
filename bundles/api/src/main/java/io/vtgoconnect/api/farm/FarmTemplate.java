package io.vtgoconnect.api.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of a farm's phones and lines, and its patterns expanded for one phone: phone {@code n}
 * (from {@code first}) has {@code linesPerPhone} directory numbers in turn from
 * {@code lineFirst + (n - first) * linesPerPhone}; in a pattern {@code {n}} is the phone's number,
 * {@code {line}} a line's, and {@code {n:012}} or {@code {line:05}} the same padded with zeros.
 */
public final class FarmTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(n|line)(?::0(\\d+))?}");

    private final int first;
    private final int count;
    private final int lineFirst;
    private final int linesPerPhone;

    /** @throws IllegalArgumentException when the farm has no phone or its phones no line */
    public FarmTemplate(int first, int count, int lineFirst, int linesPerPhone) {
        if (count < 1 || linesPerPhone < 1) {
            throw new IllegalArgumentException("A farm has one phone or more, each with one line or more.");
        }
        this.first = first;
        this.count = count;
        this.lineFirst = lineFirst;
        this.linesPerPhone = linesPerPhone;
    }

    /** The numbers {n} of the farm's phones. */
    public List<Integer> numbers() {
        List<Integer> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(first + i);
        }
        return numbers;
    }

    /** Phone {n}'s first directory number. */
    public int firstLine(int n) {
        return lineFirst + (n - first) * linesPerPhone;
    }

    /** Phone {n}'s directory numbers, its first line first. */
    public List<Integer> lines(int n) {
        List<Integer> lines = new ArrayList<>(linesPerPhone);
        for (int i = 0; i < linesPerPhone; i++) {
            lines.add(firstLine(n) + i);
        }
        return lines;
    }

    /** The pattern for phone {n}, {line} being its first line. */
    public String expand(String pattern, int n) {
        return expand(pattern, n, firstLine(n));
    }

    /** The pattern with {n}, {n:0W}, {line} and {line:0W} replaced; what is no placeholder stays as it is. */
    public static String expand(String pattern, int n, int line) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder expanded = new StringBuilder();
        while (placeholder.find()) {
            int value = placeholder.group(1).equals("n") ? n : line;
            String text = placeholder.group(2) == null ? Integer.toString(value)
                    : String.format("%0" + Integer.parseInt(placeholder.group(2)) + "d", value);
            placeholder.appendReplacement(expanded, Matcher.quoteReplacement(text));
        }
        placeholder.appendTail(expanded);
        return expanded.toString();
    }
}
