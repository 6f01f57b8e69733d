package io.vtgoconnect.testing.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The manual's examples as the tests replay them: the {@code Event :} lines of one example, and
 * each line as a pattern in which what differs from run to run (a call reference, an address, a
 * port, a media figure) may differ.
 */
public final class ManualTranscript {
    private ManualTranscript() {
    }

    /** The manual, in the shared folder beside the checkout. */
    public static Path manual(Path checkout) {
        return checkout.toAbsolutePath().normalize().resolveSibling("shared").resolve("seed/VTGOConnect-1.0-manual.txt");
    }

    /** The {@code Event :} lines from the heading {@code from} to the heading {@code to} (or the end), in order. */
    public static List<String> events(Path checkout, String from, String to) {
        String manual;
        try {
            manual = Files.readString(manual(checkout));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = manual.indexOf(to, manual.indexOf(from));
        String example = manual.substring(manual.indexOf(from), end < 0 ? manual.length() : end);
        return example.lines().map(line -> line.replaceFirst("^> ", "").strip()).filter(line -> line.startsWith("Event :"))
                .toList();
    }

    /** The manual's line as a pattern: a call reference, an address, a port and a media figure may differ. */
    public static Pattern pattern(String manualLine) {
        String pattern = Pattern.quote(manualLine)
                .replaceAll("CallRef=[1-9]\\d*", "\\\\E" + "CallRef=[1-9]\\\\d*" + "\\\\Q")
                .replaceAll("(This|Other)Station=[0-9.]+:\\d+:\\d+", "\\\\E$1" + "Station=127\\\\.0\\\\.0\\\\.1:\\\\d+:\\\\d+\\\\Q")
                .replaceAll("(CallLen|Sent|Recvd|Lost|Discarded|Jitter)=\\d+", "\\\\E$1=\\\\d+\\\\Q");
        // After the manual's fields, ours adds an estimated MOS.
        return Pattern.compile(manualLine.startsWith("Event : CallStatsUpdate") ? pattern + ", MOS=[0-9.]+" : pattern);
    }

    /** Fails unless our event lines are the manual's, one for one, each matching its pattern. */
    public static void assertMatches(List<String> manual, List<String> ours) {
        assertEquals(manual.size(), ours.size(), () -> "the manual has " + manual.size() + " events, we printed " + ours);
        for (int i = 0; i < manual.size(); i++) {
            assertTrue(pattern(manual.get(i)).matcher(ours.get(i)).matches(),
                    "event " + (i + 1) + " is\n  " + ours.get(i) + "\nwhere the manual has\n  " + manual.get(i));
        }
    }
}
