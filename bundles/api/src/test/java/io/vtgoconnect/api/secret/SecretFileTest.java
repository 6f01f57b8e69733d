package io.vtgoconnect.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path folder;

    @Test
    void theSecretIsTheFilesFirstLineAndAFileThatCannotBeReadIsNamedNotShown() throws IOException {
        Path file = Files.writeString(folder.resolve("farm.password"), "farm-{line}-secret \nignored\n");
        assertEquals("farm-{line}-secret", SecretFile.firstLine(file.toString()));
        assertEquals("", SecretFile.firstLine(" "), "no file named: no secret");
        assertEquals("", SecretFile.firstLine(Files.writeString(folder.resolve("empty"), "").toString()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SecretFile.firstLine(folder.resolve("none").toString()));
        assertEquals("The password file " + folder.resolve("none") + " cannot be read: NoSuchFileException", missing.getMessage());
    }
}
