package io.vtgoconnect.itest;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vtgoconnect.api.shell.ShellSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** A Gogo session opened as the console opens one (scope vtgo first), keeping all it prints. */
final class RecordedSession implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CommandSession session;

    RecordedSession(CommandProcessor processor) {
        session = processor.createSession(InputStream.nullInputStream(), out, out);
        session.put("SCOPE", ShellSession.SCOPE + ":*");
    }

    /** Runs a line and returns what it printed, the line of a refusal included. */
    String run(String commandLine) throws Exception {
        int start = printedLength();
        try {
            session.execute(commandLine);
        } catch (RuntimeException refused) {
            // A refusal or a wait that timed out fails the command once its line is printed, which is the answer.
        }
        return printedSince(start);
    }

    /** Runs a line and returns the value of its command (what the console would print). */
    Object result(String commandLine) throws Exception {
        return session.execute(commandLine);
    }

    /** Runs a line that Gogo itself refuses, throwing what Gogo throws. */
    void execute(String commandLine) throws Exception {
        session.execute(commandLine);
    }

    int printedLength() {
        return out.size();
    }

    String printedSince(int start) {
        byte[] printed = out.toByteArray();
        return new String(printed, start, printed.length - start, UTF_8);
    }

    String printed() {
        return out.toString(UTF_8);
    }

    @Override
    public void close() {
        session.close();
    }
}
