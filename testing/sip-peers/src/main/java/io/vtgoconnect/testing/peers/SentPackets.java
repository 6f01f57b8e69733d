package io.vtgoconnect.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where this JVM sends packets and opens connections while it runs, as strace (attached to every
 * thread of it) sees the destinations of sendto, sendmsg and connect: the proof that a test sent
 * nothing off the machine, whatever code did the sending.
 */
public final class SentPackets implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile(
            "sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\).*?inet_(?:addr|pton)\\((?:AF_INET6?, )?\"([^\"]+)\"|sa_family=(AF_\\w+)");

    private final Path log;
    private final PeerProcess strace;

    private SentPackets(Path log, PeerProcess strace) {
        this.log = log;
        this.strace = strace;
    }

    /** Starts tracing this process and waits until every thread of it is traced. */
    public static SentPackets ofThisProcess() {
        Path log;
        try {
            Files.createDirectories(PeerProcess.OUTPUT);
            log = Files.createTempFile(PeerProcess.OUTPUT, "strace-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PeerProcess strace = new PeerProcess("strace", List.of(PeerProcess.binary("strace", "strace"), "-f", "-qq", "-s", "0",
                "-e", "trace=sendto,sendmsg,connect", "-e", "signal=none", "-o", log.toString(),
                "-p", Long.toString(ProcessHandle.current().pid())));
        try {
            // strace attaches to the threads one by one; each shows its tracer in /proc once attached.
            strace.awaitReady("strace attached to every thread of this JVM (it needs ptrace)", SentPackets::allThreadsTraced);
        } catch (AssertionError | RuntimeException e) {
            strace.close();
            throw e;
        }
        return new SentPackets(log, strace);
    }

    private static boolean allThreadsTraced() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.allMatch(task -> {
                try {
                    return Files.readAllLines(task.resolve("status")).stream()
                            .anyMatch(line -> line.startsWith("TracerPid:") && !line.endsWith("\t0"));
                } catch (IOException threadEnded) {
                    return true;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops tracing and lists each destination seen, once per call, as {@code address:port}, or
     * the address family for other sockets (e.g. {@code AF_UNIX}).
     */
    public List<String> destinations() {
        close();
        List<String> destinations = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.forEach(line -> {
                Matcher address = ADDRESS.matcher(line);
                if (address.find()) {
                    destinations.add(address.group(3) != null ? address.group(3) : address.group(2) + ":" + address.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return destinations;
    }

    /** Stops tracing: strace detaches from every thread and writes out its log. */
    @Override
    public void close() {
        strace.close();
    }
}
