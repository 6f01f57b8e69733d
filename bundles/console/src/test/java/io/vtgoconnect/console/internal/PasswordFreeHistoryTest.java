package io.vtgoconnect.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.junit.jupiter.api.Test;

/** Logins with a password are never kept in the history; every other line is. */
class PasswordFreeHistoryTest {
    @Test
    void loginLinesAreLeftOut() {
        for (String line : new String[] {"emlogin jsmith 123456", "EMLogin jsmith 123456", "vtgo:ipcclogin agent21 x 2001",
            "runprogram; ipcclogin agent21 \"\" 2001", "  IPCCLOGIN a b c"}) {
            assertTrue(PasswordFreeHistory.holdsPassword(line), line);
        }
        for (String line : new String[] {"makecall 2004", "emlogout", "help", "ipcclogout 1", "waitfor emloginx"}) {
            assertFalse(PasswordFreeHistory.holdsPassword(line), line);
        }
    }

    @Test
    void theHistoryKeepsTheOthers() {
        PasswordFreeHistory history = new PasswordFreeHistory();
        history.add(Instant.now(), "runprogram");
        history.add(Instant.now(), "emlogin jsmith 123456");
        history.add(Instant.now(), "emlogout");
        List<String> kept = new ArrayList<>();
        for (History.Entry entry : history) {
            kept.add(entry.line());
        }
        assertEquals(List.of("runprogram", "emlogout"), kept);
    }
}
