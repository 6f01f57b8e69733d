package io.vtgoconnect.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import org.junit.jupiter.api.function.Executable;

/** Asserts a refusal as a user sees it: the error code and one plain sentence. */
final class Refusals {
    private Refusals() {
    }

    static CommandException assertRefused(ErrorCode code, Executable command) {
        CommandException refusal = assertThrows(CommandException.class, command);
        assertEquals(code, refusal.code(), refusal::getMessage);
        assertOnePlainSentence(refusal.getMessage());
        return refusal;
    }

    static void assertOnePlainSentence(String text) {
        assertFalse(text.isBlank(), "empty sentence");
        assertFalse(Character.isLowerCase(text.charAt(0)), () -> "does not start as a sentence: " + text);
        assertTrue(text.endsWith("."), () -> "does not end as a sentence: " + text);
        String body = text.substring(0, text.length() - 1);
        assertFalse(body.contains(". "), () -> "more than one sentence: " + text);
        assertFalse(text.contains("\n") || text.contains("\r"), () -> "more than one line: " + text);
        assertFalse(text.contains("\tat ") || text.contains("Caused by"), () -> "a stack trace: " + text);
    }
}
