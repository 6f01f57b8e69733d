package io.vtgoconnect.console.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which statements run before the HTTP service has started: help alone, in any of its spellings. */
class RuntimeStartTest {
    @Test
    void helpInAnyCaseWithOrWithoutACommandOrScopeNeedsNothingStarted() {
        assertTrue(RuntimeStart.isHelp("help"));
        assertTrue(RuntimeStart.isHelp("  HELP makecall"));
        assertTrue(RuntimeStart.isHelp("help \"MakeCall\""));
        assertTrue(RuntimeStart.isHelp("vtgo:help hold"));
    }

    @Test
    void everyOtherCommandWaitsForTheRuntime() {
        assertFalse(RuntimeStart.isHelp("runprogram"));
        assertFalse(RuntimeStart.isHelp("makecall help"));
        assertFalse(RuntimeStart.isHelp("helpme"));
        assertFalse(RuntimeStart.isHelp("hold --help"));
        assertFalse(RuntimeStart.isHelp("felix:lb"));
    }
}
