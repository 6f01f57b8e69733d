package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The exported runtime jar, started the way {@code ./vtgoconnect} starts it. */
final class Vtgoconnect {
    /** The runtime module's folder, as {@code ./vtgoconnect} passes it in {@code vtgoconnect.home}. */
    static final Path HOME = Path.of(System.getProperty("vtgoconnect.home")).toAbsolutePath();
    static final Path SCRIPT = HOME.resolveSibling("vtgoconnect");
    /** The class-data archive the launcher makes on the first run after a build. */
    static final Path ARCHIVE = HOME.resolve("target/vtgoconnect.jsa");
    /** Far above a start-up (about 1 s), so that only a hang trips it. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What a user sees of a finished run. */
    record Result(int exitCode, List<String> lines, String errors) {
    }

    private Vtgoconnect() {
    }

    /**
     * {@code ./vtgoconnect} with the arguments, as a user starts it, with {@code $HOME} at a folder
     * of the test's own, where the console keeps its history, and the configuration in its etc
     * folder (see {@link RuntimeEtc}).
     */
    static List<String> command(Path userHome, String... arguments) {
        RuntimeEtc etc = RuntimeEtc.in(userHome);
        List<String> command = new ArrayList<>(List.of("env", "HOME=" + userHome, "VTGOCONNECT_ETC=" + etc.folder,
                SCRIPT.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs to the end in {@code directory} (also the user's home), with {@code input} piped to its standard input. */
    static Result run(Path directory, String input, String... arguments) throws IOException, InterruptedException {
        return run(directory, Map.of(), input, arguments);
    }

    /** {@link #run(Path, String, String...)} with these variables added to the environment. */
    static Result run(Path directory, Map<String, String> environment, String input, String... arguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(directory, arguments)).directory(directory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            String threads = threadDump(process);
            kill(process);
            fail("vtgoconnect " + String.join(" ", arguments) + " did not exit within " + TIMEOUT + "; it printed:\n"
                    + out.join() + err.join() + "\nIts threads then:\n" + threads);
        }
        return new Result(process.exitValue(), out.join().lines().toList(), err.join());
    }

    /**
     * Kills the launcher and the runtime it started: on a first run after a build the runtime is the
     * script's child, and a SIGKILL to the script alone would leave it running.
     */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The threads of the runtime (the launcher's own process: it execs java), as jcmd prints them, to say where it hangs. */
    private static String threadDump(Process process) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
        CompletableFuture<String> dump = CompletableFuture.supplyAsync(() -> text(jcmd.getInputStream()));
        if (!jcmd.waitFor(20, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            return "(jcmd did not answer within 20 s)";
        }
        return dump.join();
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
