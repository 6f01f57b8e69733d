package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.command.CommandSpec;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.EventJson;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.api.shell.ShellSession;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.felix.service.command.CommandSession;

/**
 * What one Gogo session prints: event lines, error lines, timeouts and command output, as text or
 * each as one JSON object. It keeps the lines a {@code waitfor} may still match (those printed since
 * the command before it began, or since the last match), counts the failures of the session and
 * knows in which form (text or JSON) the session wants its output.
 */
final class SessionOutput {
    /** Lines kept for waitfor; the oldest go first when a session never waits. */
    static final int MAX_PENDING_LINES = 10_000;
    private static final String SESSION_KEY = ".vtgo.output";
    /** Begins the line after {@code Event : Disconnected from CallManager} that says why. */
    static final String REASON = "Reason : ";
    /** Commands that leave what the command before them printed to the next wait. */
    private static final List<String> WAITING_COMMANDS = List.of("waitfor", "sleep");

    private final CommandSession session;
    private final PrintStream console;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition lineAdded = lock.newCondition();
    private final Deque<String> pending = new ArrayDeque<>();
    private volatile boolean json;
    /** The refusal printed last, so that it is not printed again when it fails the command. */
    private volatile Exception reported;
    private volatile Optional<CommandSpec> helpRequest = Optional.empty();
    /** The phone the session's commands act on; empty: the first phone of the runtime. */
    private volatile String selectedPhone = "";

    private SessionOutput(CommandSession session) {
        this.session = session;
        this.console = session.getConsole();
        session.put(ShellSession.FAILURES, 0);
        session.put(ShellSession.PRINT, (Consumer<String>) this::println);
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

    /**
     * Runs a command. A refusal is printed as the manual's error line, counted, and fails the
     * command (a shell such as Apache Karaf then ends with a non-zero exit code).
     */
    void answer(Runnable command) {
        Optional<CommandSpec> help = takeHelpRequest();
        if (help.isPresent()) {
            HelpCommand.detail(this, help.get());
            return;
        }
        try {
            command.run();
        } catch (CommandException e) {
            fail(e.line());
            throw reported(e);
        }
    }

    /** The command line now running asks for this command's help ({@code makecall --help}), or not. */
    void requestHelp(Optional<CommandSpec> command) {
        helpRequest = command;
    }

    /** The help the command line asked for, once. */
    Optional<CommandSpec> takeHelpRequest() {
        Optional<CommandSpec> request = helpRequest;
        helpRequest = Optional.empty();
        return request;
    }

    /** Whether the exception is a refusal this output printed already. */
    boolean hasReported(Exception exception) {
        return exception != null && exception == reported;
    }

    /** Fails the command with a failure already printed. */
    RuntimeException reported(RuntimeException failure) {
        reported = failure;
        return failure;
    }

    /** A line of a command's output (a confirmation, a help text). */
    void println(String line) {
        print(json ? OutputJson.line(OutputJson.Kind.OUTPUT, line, System.currentTimeMillis()) : line);
    }

    /** Prints a line that reports a refusal (the manual's error line), and counts it. */
    void fail(String line) {
        count();
        answered();
        print(json ? OutputJson.line(OutputJson.Kind.ERROR, line, System.currentTimeMillis()) : line);
    }

    /** Prints a line that says a wait timed out, and counts it. */
    void timeout(String line) {
        count();
        answered();
        print(json ? OutputJson.line(OutputJson.Kind.TIMEOUT, line, System.currentTimeMillis()) : line);
    }

    private void count() {
        session.put(ShellSession.FAILURES, failures() + 1);
    }

    /** A failed command got its answer here, so that a console adds none. */
    void answered() {
        session.put(ShellSession.ANSWERED, session.get(ShellSession.ANSWERED) instanceof Integer count ? count + 1 : 1);
    }

    int failures() {
        return session.get(ShellSession.FAILURES) instanceof Integer count ? count : 0;
    }

    /**
     * Prints an event of the phone (empty: of no phone). The manual's line of a phone other than the
     * session's ({@code firstPhone} unless the session selected one) begins with that phone's name in
     * brackets; JSON names the phone always.
     */
    void event(VtgoEvent event, long timestampMillis, String phone, String firstPhone) {
        String selected = selectedPhone.isEmpty() ? firstPhone : selectedPhone;
        String from = phone.isEmpty() || phone.equals(selected) ? "" : "[" + phone + "] ";
        print(json ? EventJson.line(event, timestampMillis, phone) : from + EventFormatter.format(event));
        // The manual's line alone would not say why a registration was refused or lost; JSON has the reason.
        if (!json && event instanceof CallManagerDisconnected disconnected && !disconnected.reason().isBlank()) {
            print(from + REASON + disconnected.reason());
        }
    }

    /** The phone the session selected; empty when it selected none. */
    String selectedPhone() {
        return selectedPhone;
    }

    void selectPhone(String phone) {
        selectedPhone = phone;
    }

    private void print(String line) {
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

    void setJson(boolean json) {
        this.json = json;
    }

    boolean isJson() {
        return json;
    }

    /**
     * A command line begins: unless it waits (waitfor, sleep), what was printed before it is no
     * longer waited for, so that a wait matches only what the command before it caused.
     */
    void commandStarted(CharSequence commandline) {
        List<String> words = GogoErrorAnswers.words(commandline);
        if (words.isEmpty()) {
            return;
        }
        String name = words.get(0).toLowerCase(Locale.ROOT);
        String bare = name.startsWith(ShellSession.SCOPE + ":") ? name.substring(ShellSession.SCOPE.length() + 1) : name;
        if (!WAITING_COMMANDS.contains(bare)) {
            lock.lock();
            try {
                pending.clear();
            } finally {
                lock.unlock();
            }
        }
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
