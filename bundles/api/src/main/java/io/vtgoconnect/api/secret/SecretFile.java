package io.vtgoconnect.api.secret;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secret kept in a file of its own rather than in configuration: a password, or a farm's password pattern. */
public final class SecretFile {
    private SecretFile() {
    }

    /**
     * The first line of the file, stripped; nothing when no file is named.
     * @throws IllegalArgumentException saying which file cannot be read and why (never what it holds)
     */
    public static String firstLine(String file) {
        if (file.isBlank()) {
            return "";
        }
        try (BufferedReader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first == null ? "" : first.strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("The password file " + file.strip() + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
