package io.vtgoconnect.callmanager.internal.voicemail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The voicemail messages on disk: a folder per mailbox (its line's number) under the voicemail
 * folder, a WAV file per message, numbered in the order they came ({@code msg0001.wav}); a message
 * that was heard is renamed {@code msg0001-heard.wav}. Runs on the server's worker.
 */
public final class Mailboxes {
    private static final Pattern MESSAGE = Pattern.compile("msg(\\d{4,9})(-heard)?\\.wav");

    /** How many messages a mailbox holds, not yet heard and heard. */
    public record Summary(int unheard, int heard) {
    }

    private final Path folder;

    public Mailboxes(Path folder) {
        this.folder = folder;
    }

    /** Where the mailbox's next message is to be recorded (its folder is made if need be). */
    Path nextMessage(String mailbox) throws IOException {
        Path box = Files.createDirectories(folder.resolve(mailbox));
        int last = messages(mailbox).stream().mapToInt(Mailboxes::number).max().orElse(0);
        return box.resolve(String.format("msg%04d.wav", last + 1));
    }

    /** The messages not yet heard, oldest first. */
    List<Path> unheard(String mailbox) throws IOException {
        return messages(mailbox).stream().filter(message -> !isHeard(message)).toList();
    }

    void markHeard(Path message) throws IOException {
        Files.move(message, message.resolveSibling(message.getFileName().toString().replace(".wav", "-heard.wav")));
    }

    Summary summary(String mailbox) throws IOException {
        List<Path> all = messages(mailbox);
        int heard = (int) all.stream().filter(Mailboxes::isHeard).count();
        return new Summary(all.size() - heard, heard);
    }

    private List<Path> messages(String mailbox) throws IOException {
        Path box = folder.resolve(mailbox);
        if (!Files.isDirectory(box)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(box)) {
            return files.filter(file -> MESSAGE.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(Mailboxes::number)).toList();
        }
    }

    private static int number(Path message) {
        Matcher name = MESSAGE.matcher(message.getFileName().toString());
        return name.matches() ? Integer.parseInt(name.group(1)) : 0;
    }

    private static boolean isHeard(Path message) {
        return message.getFileName().toString().endsWith("-heard.wav");
    }
}
