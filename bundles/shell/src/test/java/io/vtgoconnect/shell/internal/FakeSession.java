package io.vtgoconnect.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.JobListener;

/** A Gogo session with variables and a console that records what is printed. */
final class FakeSession implements CommandSession {
    private final Map<String, Object> variables = new HashMap<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private boolean closed;

    List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public Object get(String name) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return variables.get(name);
    }

    @Override
    public Object put(String name, Object value) {
        return variables.put(name, value);
    }

    @Override
    public PrintStream getConsole() {
        return console;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public Object execute(CharSequence commandline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream getKeyboard() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CharSequence format(Object target, int level) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object convert(Class<?> type, Object instance) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path currentDir() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void currentDir(Path path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClassLoader classLoader() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void classLoader(ClassLoader classLoader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Job> jobs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Job foregroundJob() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setJobListener(JobListener listener) {
        throw new UnsupportedOperationException();
    }
}
