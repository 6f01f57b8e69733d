package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code ./vtgoconnect} driven through a pipe as a program drives it: a command written to its
 * standard input, then its output read line by line until the line the program waits for, then the
 * next command. Closing ends its input, as a program that is done does, and waits for it to exit.
 */
final class PipedConsole implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    /** Every line it printed, in order. */
    private final List<String> printed = new ArrayList<>();
    private final CompletableFuture<String> errors;
    private final Thread reader;

    /** Starts it in the directory (also the user's home), with the configuration of {@link RuntimeEtc}. */
    PipedConsole(Path directory, String... arguments) throws IOException {
        process = new ProcessBuilder(Vtgoconnect.command(directory, arguments)).directory(directory.toFile()).start();
        in = process.getOutputStream();
        reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    unread.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "vtgoconnect output");
        reader.setDaemon(true);
        reader.start();
        errors = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    /** Writes a command line, as a program does, and lets it go at once. */
    void send(String commandLine) throws IOException {
        in.write((commandLine + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads the output until a line matches, and returns it; fails after the deadline with what was read. */
    String await(String what, Predicate<String> matching) throws InterruptedException {
        return await(what, matching, Vtgoconnect.TIMEOUT);
    }

    /** The same, with a deadline of the caller's (a runtime with many phones takes longer to start). */
    String await(String what, Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("Waited " + timeout + " for " + what + "; it printed:\n" + String.join("\n", printed));
            }
            printed.add(line);
            if (matching.test(line)) {
                return line;
            }
        }
    }

    /** Reads the output until a line begins with the text. */
    String awaitLine(String beginning) throws InterruptedException {
        return await("a line beginning " + beginning, line -> line.startsWith(beginning));
    }

    /** What it printed up to the last line read. */
    List<String> printed() {
        return List.copyOf(printed);
    }

    /** Its input ends; it runs what it read, then exits. @return its exit code */
    int awaitExit() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(Vtgoconnect.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("vtgoconnect did not exit within " + Vtgoconnect.TIMEOUT + " after its input ended");
        }
        // The rest of its output, read to its end.
        reader.join(Vtgoconnect.TIMEOUT.toMillis());
        unread.drainTo(printed);
        return process.exitValue();
    }

    /** What it wrote to its standard error, once it exited. */
    String errors() {
        return errors.join();
    }

    /** The runtime's own process (the launcher becomes it, or starts it on a first run after a build). */
    ProcessHandle runtime() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(handle -> handle.info().command().filter(command -> command.endsWith("/java")).isPresent())
                .findFirst().orElse(process.toHandle());
    }

    /** Ends it as a user's {@code kill} does (SIGTERM to the launcher), and gives the processes that ran it. */
    List<ProcessHandle> terminate() {
        List<ProcessHandle> running = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        // The signal alone: Process.destroy would also close the standard input, which ends the runtime anyway.
        process.toHandle().destroy();
        return running;
    }

    @Override
    public void close() throws IOException {
        in.close();
        Vtgoconnect.kill(process);
    }
}
