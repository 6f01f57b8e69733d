package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's temporary files of {@code ./vtgoconnect} (the launcher's copies of the framework's jars,
 * FileInstall's work folders): in a folder of the runtime's own under its data folder, never in /tmp,
 * so that a runtime that is killed leaves nothing there, and the next start removes what it left.
 */
class TemporaryFilesIT {
    private static final Path TEMPORARY = Vtgoconnect.HOME.resolve("data/tmp");

    @TempDir
    Path home;

    @Test
    void aKilledRuntimesTemporaryFilesAreInAFolderOfItsOwnThatTheNextStartRemoves() throws Exception {
        Path folder;
        try (PipedConsole console = new PipedConsole(home)) {
            console.send("phone");
            console.awaitLine("Commands act on phone");
            ProcessHandle runtime = console.runtime();
            folder = TEMPORARY.resolve(Long.toString(runtime.pid()));
            List<Path> jars = openTemporaryJars(runtime);
            assertFalse(jars.isEmpty(), "the runtime holds no copy of the launcher's jars open");
            for (Path jar : jars) {
                assertTrue(jar.startsWith(folder), jar + " is not in the runtime's own folder " + folder);
            }
            console.close();
            runtime.onExit().get(Vtgoconnect.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertTrue(Files.isDirectory(folder), "a killed runtime cannot have removed " + folder);

        Vtgoconnect.Result next = Vtgoconnect.run(home, "", "-c", "help");
        assertEquals(0, next.exitCode(), next::toString);
        assertFalse(Files.exists(folder), "the next start kept the killed runtime's " + folder);
    }

    /** The temporary copies of jars the process has open (the launcher names them resource*.jar). */
    private static List<Path> openTemporaryJars(ProcessHandle process) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return descriptors.flatMap(TemporaryFilesIT::target)
                    .filter(file -> file.getFileName().toString().matches("resource\\d+\\.jar")).toList();
        }
    }

    /** What a descriptor points to; none if it was closed meanwhile. */
    private static Stream<Path> target(Path descriptor) {
        try {
            return Stream.of(Files.readSymbolicLink(descriptor));
        } catch (IOException closed) {
            return Stream.empty();
        }
    }
}
