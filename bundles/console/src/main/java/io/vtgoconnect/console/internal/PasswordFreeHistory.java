package io.vtgoconnect.console.internal;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The console's history, which never keeps a line that logs in with a password (EMLogin,
 * IPCCLogin), so that no password lands in {@code ~/.vtgoconnect_history}.
 */
final class PasswordFreeHistory extends DefaultHistory {
    /** A statement of the line that is a login with a password, with or without its scope. */
    private static final Pattern LOGIN = Pattern.compile("(?i)(^|;)\\s*(vtgo:)?(emlogin|ipcclogin)\\b");

    static boolean holdsPassword(String line) {
        return LOGIN.matcher(line).find();
    }

    @Override
    public void add(Instant time, String line) {
        if (!holdsPassword(line)) {
            super.add(time, line);
        }
    }
}
