package io.vtgoconnect.callmanager.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded call server ({@link EmbeddedServer}) alone in a JVM of its own with ./vtgoconnect's
 * flags (its 192 MB heap), for the benchmarks: they pin it to cores with taskset and read its CPU
 * time and peak memory. The process prints {@code sip <port>} once it serves, answers {@code refused}
 * with the calls it refused for overload, {@code dropped} with the datagrams its intake dropped,
 * {@code rtp} with the RTP packets its media sent, {@code gcmillis} with the time its collections
 * paused it, {@code fullgcs} with its collections of the whole heap, {@code heap} with the heap it
 * has committed and {@code allocated} with the bytes its threads allocated, and stops when its
 * standard input ends.
 */
final class CallServerProcess implements AutoCloseable {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /**
     * ./vtgoconnect's JVM options for this Java: runtime/jvm.options as runtime/jvm-options.sh reads it for the
     * launchers (from this module's folder, where Maven and bench/sip-bench.sh run).
     */
    static final List<String> LAUNCHER_FLAGS = launcherFlags(Path.of("../../runtime/jvm-options.sh"));

    final int sipPort;
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private CallServerProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        // An agent (a profiler) may print first.
        String first = out.readLine();
        while (first != null && !first.startsWith("sip ")) {
            first = out.readLine();
        }
        if (first == null) {
            throw new IllegalStateException("The call server did not start; see target/peers/call-server.log");
        }
        this.sipPort = Integer.parseInt(first.substring(4).trim());
    }

    /**
     * Starts the server on the processors {@code cpus} (taskset's list, e.g. "0" or "0,1"; null: all)
     * with the settings (name=value; a value with commas is a list). Extra JVM options (a profiler's
     * agent) come from BENCH_SERVER_JAVA_OPTS.
     */
    static CallServerProcess start(String cpus, String... settings) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(JAVA);
        command.addAll(LAUNCHER_FLAGS);
        String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CallServerProcess.class.getName()));
        command.addAll(List.of(settings));
        Path log = Path.of("target", "peers", "call-server.log");
        Files.createDirectories(log.getParent());
        return new CallServerProcess(new ProcessBuilder(command).redirectError(log.toFile()).start());
    }

    private static List<String> launcherFlags(Path script) {
        try {
            Process options = new ProcessBuilder("bash", script.toString(), JAVA).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            List<String> flags = options.inputReader(StandardCharsets.UTF_8).lines().toList();
            if (!options.waitFor(30, TimeUnit.SECONDS) || options.exitValue() != 0) {
                options.destroyForcibly();
                throw new IllegalStateException(script + " did not give the JVM's options for " + JAVA);
            }
            return flags;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CPU time the server's process used so far, in ns. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** The most memory the process held (VmHWM), in KiB. */
    long peakRssKib() {
        return statusKib("VmHWM");
    }

    /** The process's memory now that no file backs (RssAnon: its heap, and the JVM's own), in KiB. */
    long anonymousRssKib() {
        return statusKib("RssAnon");
    }

    /** The process's memory now that files back (RssFile: the JVM's libraries, the class-data archive), in KiB. */
    long fileRssKib() {
        return statusKib("RssFile");
    }

    private long statusKib(String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith(field + ":")).map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** New calls the server refused for overload so far. */
    long refused() throws IOException {
        return ask("refused");
    }

    /** UDP datagrams the server dropped unread so far, its intake full. */
    long dropped() throws IOException {
        return ask("dropped");
    }

    /** RTP packets the server's media sent so far (those it relayed between its calls' legs). */
    long rtpPacketsSent() {
        try {
            return ask("rtp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds the server's garbage collections took so far (with the serial collector, all of it paused the server). */
    long gcMillis() throws IOException {
        return ask("gcmillis");
    }

    /** Collections of the whole heap (the old generation's collector) so far. */
    long fullCollections() throws IOException {
        return ask("fullgcs");
    }

    /**
     * The bytes the server's heap holds live now: what a collection of the whole heap, asked for
     * now, leaves in use (the calls' state kept for their retransmissions, say).
     */
    long liveBytes() throws IOException {
        return ask("live");
    }

    /** Bytes of heap the JVM has committed now. */
    long heapCommittedBytes() throws IOException {
        return ask("heap");
    }

    /** Bytes the server's live threads (its SIP, worker, media and timer threads live as long as it) allocated so far. */
    long allocatedBytes() throws IOException {
        return ask("allocated");
    }

    private long ask(String count) throws IOException {
        in.println(count);
        // JAIN-SIP prints a failed timer task's first line on standard output too: skipped.
        String line = out.readLine();
        while (line != null && !line.startsWith(count + " ")) {
            line = out.readLine();
        }
        if (line == null) {
            throw new IllegalStateException("The call server ended before it said " + count);
        }
        return Long.parseLong(line.substring(count.length() + 1).trim());
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The old generation's collector: MarkSweepCompact (serial), PS MarkSweep (parallel), G1 Old Generation. */
    private static boolean collectsTheWholeHeap(GarbageCollectorMXBean collector) {
        return collector.getName().contains("MarkSweep") || collector.getName().contains("Old");
    }

    public static void main(String[] args) throws Exception {
        List<Object> settings = new ArrayList<>();
        for (String arg : args) {
            String name = arg.substring(0, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            settings.add(name);
            settings.add(value.contains(",") || name.endsWith("numbers") || name.endsWith("algorithms") ? value.split(",")
                    : value.matches("\\d+") ? (Object) Integer.valueOf(value) : value);
        }
        try (EmbeddedServer server = new EmbeddedServer(settings.toArray())) {
            System.out.println("sip " + server.sipPort);
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("refused")) {
                    System.out.println("refused " + server.server.server().refusedForOverload());
                } else if (command.equals("rtp")) {
                    System.out.println("rtp " + server.server.server().rtpPacketsSent());
                } else if (command.equals("dropped")) {
                    System.out.println("dropped " + server.server.server().datagramsDropped());
                } else if (command.equals("gcmillis")) {
                    System.out.println("gcmillis " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum());
                } else if (command.equals("allocated")) {
                    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                    System.out.println("allocated " + Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                            .filter(bytes -> bytes > 0).sum());
                } else if (command.equals("live")) {
                    System.gc();
                    System.out.println("live " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                } else if (command.equals("heap")) {
                    System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
                } else if (command.equals("fullgcs")) {
                    System.out.println("fullgcs " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .filter(CallServerProcess::collectsTheWholeHeap).mapToLong(GarbageCollectorMXBean::getCollectionCount).sum());
                }
                System.out.flush();
            }
            // The server's warnings, in its log (target/peers/call-server.log).
            server.logs.lines().forEach(System.err::println);
        }
    }
}
