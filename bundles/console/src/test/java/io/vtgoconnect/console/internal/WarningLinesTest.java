package io.vtgoconnect.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** A warning of the log as the console shows it: one line, the exception's type and first line, no stack. */
class WarningLinesTest {
    @Test
    void aMessageAlone() {
        assertEquals("Warning : No RTP port free for a call", WarningLines.line("No RTP port free for a call", null));
    }

    @Test
    void aMessageOfSeveralLinesKeepsItsFirst() {
        assertEquals("Warning : INVITE refused", WarningLines.line("INVITE refused\nINVITE sip:2001@127.0.0.1 SIP/2.0\r\n", null));
    }

    @Test
    void anExceptionGivesItsTypeAndFirstLine() {
        Exception failure = new UncheckedIOException("disk full\n\tmore", new IOException("disk full"));
        assertEquals("Warning : Cannot keep the registrations (UncheckedIOException: disk full)",
                WarningLines.line("Cannot keep the registrations", failure));
        assertEquals("Warning : Stopped (NullPointerException)", WarningLines.line("Stopped", new NullPointerException()));
    }
}
