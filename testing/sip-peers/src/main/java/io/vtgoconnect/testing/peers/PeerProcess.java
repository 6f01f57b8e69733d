package io.vtgoconnect.testing.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A real SIP peer (Kamailio, SIPp, linphone-daemon) run as a process on loopback, its output kept under target/peers. */
public final class PeerProcess implements AutoCloseable {
    private static final int READY_SECONDS = 30;
    public static final Path OUTPUT = Path.of("target", "peers").toAbsolutePath();

    private final String name;
    private final Process process;
    private final Path log;
    private final Writer input;

    public PeerProcess(String name, List<String> command) {
        this.name = name;
        log = newLog(name);
        process = start(new ProcessBuilder(command).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))));
        input = null;
    }

    /**
     * A peer driven through its standard input ({@link #send}); each line it prints goes to its log
     * and then to {@code output}, on a thread of its own.
     */
    public PeerProcess(String name, List<String> command, Map<String, String> environment, Consumer<String> output) {
        this.name = name;
        log = newLog(name);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = start(builder);
        input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread copier = new Thread(() -> copyOutput(output), "peer-output-" + name);
        copier.setDaemon(true);
        copier.start();
    }

    private static Path newLog(String name) {
        try {
            Files.createDirectories(OUTPUT);
            return OUTPUT.resolve(name + "-" + System.nanoTime() + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a folder a peer ran in (its configuration, pid file, control socket) and all it holds: a peer's
     * files go with it, rather than pile up in /tmp run after run. A folder already gone is left so: a peer
     * closed twice is closed once.
     */
    public static void deleteTree(Path folder) {
        if (Files.notExists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.directory(OUTPUT.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyOutput(Consumer<String> output) {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8);
                Writer copy = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // Flushed line by line, so that the log shows how far a peer got when a test hangs.
                copy.write(line + "\n");
                copy.flush();
                output.accept(line);
            }
        } catch (IOException e) {
            // The process ended; its log holds what it printed.
        }
    }

    /** Writes the line to the standard input of a peer driven through it. */
    public void send(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            fail(name + " no longer reads its input (" + e.getMessage() + "); see " + log);
        }
    }

    /** Where what the peer printed is kept. */
    public Path log() {
        return log;
    }

    /** For a failure's message: whether the peer still runs, or how it exited, and where its output is. */
    public String state() {
        return name + (process.isAlive() ? " runs" : " exited with " + process.exitValue()) + "; see " + log;
    }

    /** The binary's path; the test fails (CI installs the package) when it is missing. */
    public static String binary(String name, String debianPackage) {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin:/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(name + " is not installed: apt-get install -y " + debianPackage);
    }

    /** The CPU time so far, in ns, of every process this JVM started (and they started) that runs the command (e.g. sipp). */
    public static long cpuNanosOf(String command) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + command)).orElse(false))
                .mapToLong(PeerProcess::cpuNanos).sum();
    }

    /**
     * The CPU time so far, in ns, of this peer and of the processes it started (Kamailio's workers), and of no other
     * peer running the same program.
     */
    public long cpuNanos() {
        return tree().mapToLong(PeerProcess::cpuNanos).sum();
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * Waits, with a deadline, until the condition holds while the process runs. A peer's start (Kamailio's
     * children, linphone's registration) takes well under a second on a quiet machine, and many on a loaded one.
     */
    public void awaitReady(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail(what + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (System.nanoTime() > deadline) {
                fail(what + " not ready within " + READY_SECONDS + " s; see " + log.toAbsolutePath());
            }
            // Polls the condition; the peer gives no other sign of being ready.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Waits for the process to end by itself and checks it succeeded. */
    public void awaitSuccess(String what) {
        awaitSuccess(what, Duration.ofSeconds(20));
    }

    /** Waits up to limit for a run of known length (a benchmark's load) to end by itself, and checks it succeeded. */
    public void awaitSuccess(String what, Duration limit) {
        try {
            assertTrue(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS), what + " did not finish within "
                    + limit.toSeconds() + " s; see " + log.toAbsolutePath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted");
        }
        assertTrue(process.exitValue() == 0, what + " failed with " + process.exitValue() + "; see " + log.toAbsolutePath());
    }

    /**
     * Stops the process and its children where they are (SIGSTOP, by their ids), as a peer that
     * hangs: its sockets stay open, and nothing answers on them.
     */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause paused} process and its children run again (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        tree().forEach(each -> command.add(Long.toString(each.pid())));
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, String.join(" ", command) + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted");
        }
    }

    @Override
    public void close() {
        // Kamailio's workers sometimes outlive its main process (a TCP worker, seen in tests), and
        // they can only be found while it runs. They hold its sockets until they are gone: a peer
        // started again on the same ports before that would find them still bound by the old one.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        killAll(descendants);
    }

    /**
     * Ends the process and its children at once (SIGKILL), as a crash would: no graceful stop, which for
     * Kamailio at times waits more than 10 s for its workers. Returns once none of them runs.
     */
    public void kill() {
        killAll(tree().toList());
    }

    /** The process and the processes it started, while they run. */
    private Stream<ProcessHandle> tree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants());
    }

    private void killAll(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        try {
            for (ProcessHandle each : processes) {
                each.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            fail(name + " left a process running after it was stopped; see " + log.toAbsolutePath());
        }
    }
}
