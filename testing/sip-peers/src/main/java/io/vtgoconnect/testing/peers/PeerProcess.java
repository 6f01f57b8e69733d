package io.vtgoconnect.testing.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A real SIP peer (Kamailio, SIPp) run as a process on loopback, its output kept under target/peers. */
public final class PeerProcess implements AutoCloseable {
    public static final Path OUTPUT = Path.of("target", "peers").toAbsolutePath();

    private final Process process;
    private final Path log;

    public PeerProcess(String name, List<String> command) {
        try {
            Files.createDirectories(OUTPUT);
            log = OUTPUT.resolve(name + "-" + System.nanoTime() + ".log");
            process = new ProcessBuilder(command).directory(OUTPUT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Waits, with a timeout, until the condition holds while the process runs. */
    public void awaitReady(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail(what + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (System.nanoTime() > deadline) {
                fail(what + " not ready within 10 s; see " + log.toAbsolutePath());
            }
            // Polls the condition; the peer gives no other sign of being ready.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Waits for the process to end by itself and checks it succeeded. */
    public void awaitSuccess(String what) {
        try {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), what + " did not finish; see " + log.toAbsolutePath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted");
        }
        assertTrue(process.exitValue() == 0, what + " failed with " + process.exitValue() + "; see " + log.toAbsolutePath());
    }

    @Override
    public void close() {
        // Kamailio's workers sometimes outlive its main process (a TCP worker, seen in tests), and
        // they can only be found while it runs.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
