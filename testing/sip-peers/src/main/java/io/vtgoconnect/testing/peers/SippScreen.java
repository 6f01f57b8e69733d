package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a SIPp run printed on its last screen: its calls that succeeded and failed, and how many
 * responses of a status its scenario received (SIPp prints its counters again and again; the last
 * print counts).
 */
public record SippScreen(long successful, long failed, String text) {
    private static final Pattern SUCCESSFUL = Pattern.compile("(?m)^\\s*Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^\\s*Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    /** The screen in SIPp's log (its standard output). */
    public static SippScreen of(Path log) {
        try {
            String text = Files.readString(log);
            return new SippScreen(last(SUCCESSFUL, text), last(FAILED, text), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Responses of the status that the scenario's line for it received (0 when it has none). */
    public long received(int status) {
        return last(Pattern.compile("(?m)^\\s*" + status + " <-+\\s+(?:E-RTD\\d\\s+)?(\\d+)"), text);
    }

    private static long last(Pattern counter, String screen) {
        Matcher matcher = counter.matcher(screen);
        long value = 0;
        while (matcher.find()) {
            value = Long.parseLong(matcher.group(1));
        }
        return value;
    }
}
