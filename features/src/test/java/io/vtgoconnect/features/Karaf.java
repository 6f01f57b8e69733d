package io.vtgoconnect.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * An Apache Karaf distribution unpacked in a folder of the test's own, run on the test's Java with
 * its own scripts (bin/start, bin/client, bin/stop). Closing stops it and makes sure its JVM ended.
 */
final class Karaf implements AutoCloseable {
    /** Far above a start (about 10 s on two cores) or a feature installation, so that only a hang trips it. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final int LOG_LINES_SHOWN = 40;
    private static final int LOG_LINE_CHARACTERS = 300;

    final Path home;
    private Optional<ProcessHandle> jvm = Optional.empty();

    private Karaf(Path home) {
        this.home = home;
    }

    /** Unpacks the distribution (a .tar.gz holding one folder) into the folder, as {@code tar xzf} does. */
    static Karaf unpack(Path distribution, Path folder) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "xzf", distribution.toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tar.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "tar hangs");
        assertEquals(0, tar.exitValue(), output);
        try (var entries = Files.list(folder)) {
            return new Karaf(entries.filter(entry -> entry.getFileName().toString().startsWith("apache-karaf"))
                    .findFirst().orElseThrow());
        }
    }

    /**
     * The last warnings and errors of Karaf's log (data/log/karaf.log), with Pax Web's lines about
     * contexts and WebSockets (not its feature listings), for a failure to say what Karaf saw.
     */
    String logWarnings() {
        Path log = home.resolve("data").resolve("log").resolve("karaf.log");
        try {
            List<String> warnings = Files.readAllLines(log).stream().filter(line -> line.contains("| WARN ") || line.contains("| ERROR")
                    || !line.contains("FeaturesServiceImpl") && (line.contains("/vtgo") || line.toLowerCase(Locale.ROOT).contains("websocket")))
                    .map(line -> line.length() > LOG_LINE_CHARACTERS ? line.substring(0, LOG_LINE_CHARACTERS) + "..." : line).toList();
            return String.join("\n", warnings.subList(Math.max(0, warnings.size() - LOG_LINES_SHOWN), warnings.size()));
        } catch (IOException e) {
            return "(" + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Sets a key of a file in etc/ (a properties file, created when missing): its entry, with the
     * lines it continues onto, is replaced, or one is added.
     */
    void set(String etcFile, String key, String value) throws IOException {
        Path file = home.resolve("etc").resolve(etcFile);
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        Pattern keyLine = Pattern.compile("^" + Pattern.quote(key) + "\\s*[=:].*");
        String entry = key + " = " + value;
        for (int i = 0; i < lines.size(); i++) {
            if (keyLine.matcher(lines.get(i)).matches()) {
                boolean continued = lines.get(i).endsWith("\\");
                while (continued && i + 1 < lines.size()) {
                    continued = lines.remove(i + 1).endsWith("\\");
                }
                lines.set(i, entry);
                Files.write(file, lines);
                return;
            }
        }
        lines.add(entry);
        Files.write(file, lines);
    }

    /** Adds lines at the end of a file in etc/. */
    void append(String etcFile, List<String> lines) throws IOException {
        Files.write(home.resolve("etc").resolve(etcFile), lines, StandardOpenOption.APPEND);
    }

    /** What a script of bin/ printed, without colours, and its exit code. */
    record Outcome(String output, int exitCode) {
    }

    /** Runs a script of bin/ with its arguments and returns what it printed, without colours. */
    String run(List<String> command) throws IOException, InterruptedException {
        return execute(command).output();
    }

    /** Runs a script of bin/ with its arguments. */
    Outcome execute(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        // Standard input stays open until the script ends: bin/client ends its session when it reads EOF.
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT.toSeconds() + " s");
        }
        process.getOutputStream().close();
        return new Outcome(ANSI.matcher(output.join()).replaceAll(""), process.exitValue());
    }

    /**
     * bin/client without a command, a session with a terminal as a user opens: types the line,
     * reads until the output shows {@code expected}, then leaves.
     * @return what it printed, without colours
     */
    String type(List<String> client, String line, String expected) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(client).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        StringBuffer printed = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int read = process.getInputStream().read(buffer); read >= 0; read = process.getInputStream().read(buffer)) {
                    printed.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException ended) {
                // The client was ended: what it printed is kept.
            }
        });
        reader.start();
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!ANSI.matcher(printed).replaceAll("").contains(expected)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new AssertionError(line + " did not print " + expected + ": " + printed);
            }
            Thread.sleep(50);
        }
        // The output may stand in a pager: the client is ended, which ends its session.
        process.destroy();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(TIMEOUT.toMillis());
        return ANSI.matcher(printed).replaceAll("");
    }

    /** bin/start: Karaf runs in the background; its JVM is known from karaf.pid, so that it can be waited for. */
    String start(List<String> command) throws IOException, InterruptedException {
        String output = run(command);
        Path pidFile = home.resolve("karaf.pid");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Karaf wrote no karaf.pid within " + TIMEOUT.toSeconds() + " s: " + output);
            }
            Thread.sleep(100);
        }
        jvm = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        return output;
    }

    /** Waits for Karaf's JVM to end after bin/stop. @return whether it ended in time */
    boolean awaitStopped() throws InterruptedException {
        if (jvm.isEmpty()) {
            return true;
        }
        try {
            jvm.get().onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return !jvm.get().isAlive();
        }
    }

    /** Leaves no Karaf running, whatever the test did: a JVM still alive is killed. */
    @Override
    public void close() throws InterruptedException {
        jvm.filter(ProcessHandle::isAlive).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }
}
