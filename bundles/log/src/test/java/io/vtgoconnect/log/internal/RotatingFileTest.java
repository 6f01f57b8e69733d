package io.vtgoconnect.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
    @TempDir
    Path folder;

    @Test
    void linesPastTheSizeGoToANewFileAndTheOldestRotatedFileIsDropped() throws Exception {
        Path log = folder.resolve("log").resolve("vtgoconnect.log");
        try (RotatingFile file = new RotatingFile(log, 100, 2)) {
            for (int n = 1; n <= 12; n++) {
                file.append(String.format("line %02d %s", n, "x".repeat(30)));
            }
            assertTrue(Files.size(log) < 100);
            assertTrue(Files.exists(file.numbered(1)));
            assertTrue(Files.exists(file.numbered(2)));
            assertFalse(Files.exists(file.numbered(3)));
            List<String> newest = Files.readAllLines(log);
            assertTrue(newest.isEmpty() || newest.get(newest.size() - 1).startsWith("line 12"), newest.toString());
            assertTrue(Files.readAllLines(file.numbered(1)).get(0).compareTo(Files.readAllLines(file.numbered(2)).get(0)) > 0,
                    "file .1 holds newer lines than .2");
        }
    }

    @Test
    void theFolderAndTheFileAreTheUsersAlone() throws Exception {
        Path log = folder.resolve("data").resolve("vtgoconnect.log");
        try (RotatingFile file = new RotatingFile(log, 1000, 1)) {
            file.append("one line");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals(List.of("one line"), Files.readAllLines(log));
    }

    @Test
    void aFileReopenedAppendsToWhatItHeld() throws Exception {
        Path log = folder.resolve("vtgoconnect.log");
        try (RotatingFile file = new RotatingFile(log, 1000, 1)) {
            file.append("before");
        }
        try (RotatingFile file = new RotatingFile(log, 1000, 1)) {
            file.append("after");
        }
        assertEquals(List.of("before", "after"), Files.readAllLines(log));
    }
}
