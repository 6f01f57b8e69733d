package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.directory.Secret;
import io.vtgoconnect.runtime.Vtgoconnect.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN and the agent password a user types, kept by the server as PBKDF2 hashes, show nowhere:
 * not in the commands' answers, the cm: listings, Gogo's scr:list and scr:info of every call server
 * component, nor in any file the runtime writes (its log, the console's history).
 */
class SecretsIT {
    private static final String PIN = "123456";
    private static final String AGENT_PASSWORD = "Agent22-Secret";

    @TempDir
    Path directory;

    @Test
    void typedSecretsAppearInNoListingAndNoFile() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory).withDefaults();
        etc.write("io.vtgoconnect.callmanager.agent-agent22.cfg", "id=agent22", ".password=" + Secret.hash(AGENT_PASSWORD));
        Path log = Vtgoconnect.HOME.resolve("data/log/vtgoconnect.log");
        long logBefore = Files.exists(log) ? Files.size(log) : 0;
        StringBuilder components = new StringBuilder();
        for (String component : List.of("CallManager", "directory.Directory", "directory.DirectoryLine", "directory.DirectoryUser",
                "directory.DirectoryDevice", "acd.AcdAgent", "acd.AcdApi", "em.ExtensionMobility", "ServerCommands")) {
            components.append("scr:info io.vtgoconnect.callmanager.internal.").append(component).append("; ");
        }
        Result result = Vtgoconnect.run(directory, "", "-c", "runprogram; waitfor \"Connected to CallManager\"; "
                + "emlogin jsmith " + PIN + "; waitfor \"Line=1(2002)\"; waitfor \"Connected to CallManager\"; "
                + "ipcclogin agent22 " + AGENT_PASSWORD + " 2002; waitfor \"IPCC agent state 3\"; "
                + "cm:status; cm:endpoints; scr:list; " + components + "emlogout; waitfor \"Line=1(2001)\"");

        assertEquals(0, result.exitCode(), result::toString);
        String listings = result.toString();
        assertTrue(listings.contains("Registrations:") && listings.contains("2004  ANSWER")
                && listings.contains("io.vtgoconnect.callmanager.internal.directory.DirectoryUser"), listings);
        for (String secret : List.of(PIN, AGENT_PASSWORD)) {
            assertFalse(listings.contains(secret), "the output shows a secret: " + listings);
            for (Path file : writtenFiles(log, logBefore)) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(secret), file + " holds a secret");
            }
        }
    }

    /** What the runtime wrote: the files of the test's folder (its home, the history), and the log. */
    private List<Path> writtenFiles(Path log, long logBefore) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> written = files.filter(Files::isRegularFile).filter(file -> !file.startsWith(directory.resolve("etc")))
                    .toList();
            if (!Files.exists(log) || Files.size(log) <= logBefore) {
                return written;
            }
            Path logged = directory.resolve("log-of-this-run.txt");
            byte[] all = Files.readAllBytes(log);
            Files.write(logged, java.util.Arrays.copyOfRange(all, (int) Math.min(logBefore, all.length), all.length));
            return Stream.concat(written.stream(), Stream.of(logged)).toList();
        }
    }
}
