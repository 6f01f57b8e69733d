package io.vtgoconnect.log.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A text file that appends lines and, past a size, is renamed {@code name.1} (the older ones
 * {@code name.2}, ...; the oldest dropped) and started again. Its folder and files are the user's
 * alone: a log may name the lines and users of the phone.
 */
final class RotatingFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int keptFiles;
    private Writer writer;
    private long size;
    /** Set when the file cannot be written, so that a full disk is reported once, not at every line. */
    private boolean failed;
    private boolean closed;

    RotatingFile(Path path, long maxBytes, int keptFiles) throws IOException {
        this.path = path.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keptFiles = keptFiles;
        Path folder = this.path.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            ownerOnly(folder, "rwx------");
        }
        open();
    }

    private void open() throws IOException {
        if (!Files.exists(path)) {
            Files.createFile(path);
            ownerOnly(path, "rw-------");
        }
        size = Files.size(path);
        writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    synchronized void append(String line) {
        if (closed) {
            return;
        }
        try {
            if (writer == null) {
                open();
            }
            String text = line + System.lineSeparator();
            writer.write(text);
            writer.flush();
            size += text.getBytes(StandardCharsets.UTF_8).length;
            if (size >= maxBytes) {
                rotate();
            }
            failed = false;
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                // The log cannot log its own failure; standard error is the one place left.
                System.err.println("VTGOConnect log: cannot write " + path + ": " + e.getMessage());
            }
        }
    }

    private void rotate() throws IOException {
        writer.close();
        writer = null;
        Files.deleteIfExists(numbered(keptFiles));
        for (int n = keptFiles - 1; n >= 1; n--) {
            if (Files.exists(numbered(n))) {
                Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keptFiles > 0) {
            Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(path);
        }
        open();
    }

    Path numbered(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // Closing only flushes what append already flushed; nothing is lost.
            }
            writer = null;
        }
    }
}
