package io.vtgoconnect.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The 49 messages of RFC 4475 (SIP torture tests), one file each, as the corpus beside the checkout holds them. */
public final class TortureCorpus {
    /** ../shared/corpus/rfc4475 beside the checkout, seen from a module under bundles/. */
    private static final Path DIRECTORY = Path.of("..", "..", "..", "shared", "corpus", "rfc4475");

    private TortureCorpus() {
    }

    /** Every message file, sorted by name (e.g. badaspec.dat). */
    public static List<Path> messages() {
        assertTrue(Files.isDirectory(DIRECTORY), "The RFC 4475 corpus is missing at " + DIRECTORY.toAbsolutePath());
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Path> messages = files.filter(file -> file.toString().endsWith(".dat")).sorted().toList();
            assertEquals(49, messages.size(), "RFC 4475 has 49 messages");
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
