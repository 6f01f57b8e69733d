package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.shell.ShellSession;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.felix.service.command.CommandSession;

/**
 * What one Gogo session prints: event lines, error lines and confirmations. It keeps the lines
 * that no {@code waitfor} has consumed yet, counts the failures of the session and knows in which
 * form (text or JSON) the session wants events.
 */
final class SessionOutput {
    /** Lines kept for waitfor; the oldest go first when a session never waits. */
    static final int MAX_PENDING_LINES = 10_000;
    private static final String SESSION_KEY = ".vtgo.output";

    private final CommandSession session;
    private final PrintStream console;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lineAdded = lock.newCondition();
    private final Deque<String> pending = new ArrayDeque<>();
    private volatile boolean json;

    private SessionOutput(CommandSession session) {
        this.session = session;
        this.console = session.getConsole();
        session.put(ShellSession.FAILURES, 0);
    }

    /** The output of the session, made on first use. */
    static SessionOutput of(CommandSession session) {
        synchronized (session) {
            Object output = session.get(SESSION_KEY);
            if (output instanceof SessionOutput existing) {
                return existing;
            }
            SessionOutput created = new SessionOutput(session);
            session.put(SESSION_KEY, created);
            return created;
        }
    }

    /** Runs a command; a refusal is printed as the manual's error line and counted. */
    void answer(Runnable command) {
        try {
            command.run();
        } catch (CommandException e) {
            fail(e.line());
        }
    }

    void println(String line) {
        lock.lock();
        try {
            console.println(line);
            console.flush();
            if (pending.size() == MAX_PENDING_LINES) {
                pending.removeFirst();
            }
            pending.addLast(line);
            lineAdded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Prints a line that reports a failure, and counts it. */
    void fail(String line) {
        session.put(ShellSession.FAILURES, failures() + 1);
        println(line);
    }

    int failures() {
        return session.get(ShellSession.FAILURES) instanceof Integer count ? count : 0;
    }

    void event(VtgoEvent event, long timestampMillis) {
        println(json ? EventJson.line(event, timestampMillis) : EventFormatter.format(event));
    }

    void setJson(boolean json) {
        this.json = json;
    }

    boolean isJson() {
        return json;
    }

    /**
     * Consumes lines in the order they were printed until one matches; the lines before it are
     * consumed too, so that the next wait starts after the match.
     */
    Optional<String> await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                while (!pending.isEmpty()) {
                    String line = pending.removeFirst();
                    if (match.test(line)) {
                        return Optional.of(line);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                lineAdded.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the session still takes output; Gogo refuses variables of a closed session. */
    boolean isOpen() {
        try {
            session.get(SESSION_KEY);
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }
}
