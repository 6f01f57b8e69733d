package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.client.VtgoClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's pytest example (examples/pytest), run with Debian's pytest and websockets against a
 * runtime with a farm, as a QA engineer runs it: it logs in, calls phone2 from phone1, checks the
 * events and hangs up.
 */
class PytestExampleIT {
    private static final Path EXAMPLE = Vtgoconnect.HOME.resolveSibling("examples/pytest");
    /** The example's own waits are 20 s each; this only catches a hang. */
    private static final long PYTEST_MINUTES = 5;

    @TempDir
    Path directory;

    @Test
    void theExamplePassesAgainstAFarm() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory).withServerDirectory().withFarm(2);
        try (PipedConsole console = new PipedConsole(directory)) {
            // The API answers: the runtime has started.
            VtgoClient.connect(etc.api(), Vtgoconnect.TIMEOUT).close();
            ProcessBuilder command = new ProcessBuilder("pytest-3", "-q", "-p", "no:cacheprovider", EXAMPLE.toString())
                    .directory(directory.toFile()).redirectErrorStream(true);
            command.environment().put("VTGO_API", etc.api().toString());
            command.environment().put("VTGO_USER", RuntimeEtc.API_USER);
            command.environment().put("VTGO_PASSWORD", RuntimeEtc.API_PASSWORD);
            // Nothing written into the source tree.
            command.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process pytest = command.start();
            pytest.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(pytest.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            assertTrue(pytest.waitFor(PYTEST_MINUTES, TimeUnit.MINUTES), "pytest did not end within " + PYTEST_MINUTES + " min");
            String printed = output.get();
            System.out.print(printed);
            assertEquals(0, pytest.exitValue(), printed);
            assertTrue(printed.contains("2 passed"), printed);
            console.send("exit");
            console.awaitExit();
        }
    }
}
