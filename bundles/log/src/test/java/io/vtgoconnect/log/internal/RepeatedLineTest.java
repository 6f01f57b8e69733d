package io.vtgoconnect.log.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepeatedLineTest {
    private static final String CANNOT_START = "ERROR left.behind (file:/deploy/left-behind.jar) Events.Framework.left.behind - "
            + "FrameworkEvent ERROR: Unable to resolve left.behind";

    @Test
    void theSameLineAgainWithinASecondIsARepeat() {
        RepeatedLine repeated = new RepeatedLine();

        assertFalse(repeated.repeats(CANNOT_START, 10_000));
        assertTrue(repeated.repeats(CANNOT_START, 10_002));
        assertTrue(repeated.repeats(CANNOT_START, 10_999));
    }

    @Test
    void aFaultThatGoesOnIsWrittenAboutOnceASecond() {
        RepeatedLine repeated = new RepeatedLine();

        assertFalse(repeated.repeats(CANNOT_START, 10_000));
        assertTrue(repeated.repeats(CANNOT_START, 10_500));
        assertFalse(repeated.repeats(CANNOT_START, 11_000));
        assertTrue(repeated.repeats(CANNOT_START, 11_900));
    }

    @Test
    void anotherLineIsNoRepeatAndBecomesTheOneToCompareWith() {
        RepeatedLine repeated = new RepeatedLine();

        assertFalse(repeated.repeats(CANNOT_START, 10_000));
        assertFalse(repeated.repeats("WARN io.vtgoconnect.callmanager - another fault", 10_001));
        assertFalse(repeated.repeats(CANNOT_START, 10_002));
    }

    @Test
    void anEntryOlderThanTheLastLineIsNoRepeat() {
        RepeatedLine repeated = new RepeatedLine();

        assertFalse(repeated.repeats(CANNOT_START, 10_000));
        assertFalse(repeated.repeats(CANNOT_START, 9_500));
    }
}
