package io.vtgoconnect.callmanager.internal.registrar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import org.osgi.service.log.Logger;

/**
 * The registrar's bindings on disk, as Kamailio's usrloc keeps them in its database modes: one line
 * each, {@code number expires-at-millis contact}, written whole (to a new file, then moved over the
 * old one) after every change, and read when the server starts. A file that cannot be read or
 * written costs the bindings a restart, never the server.
 */
public final class BindingStore {
    /** A store that keeps nothing (a server with no data folder, the tests of other parts). */
    public static final BindingStore NONE = new BindingStore(null, null);
    private static final int MAX_LINES = 100_000;

    private final Path file;
    private final Logger log;

    private BindingStore(Path file, Logger log) {
        this.file = file;
        this.log = log;
    }

    public static BindingStore in(Path file, Logger log) {
        return new BindingStore(file, log);
    }

    /** The bindings kept, whether expired or not (the registrar drops the expired ones). */
    Map<String, List<Registrar.Binding>> load(AddressFactory addresses) {
        Map<String, List<Registrar.Binding>> kept = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return kept;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(0, Math.min(lines.size(), MAX_LINES))) {
                binding(line, addresses).ifPresent(entry ->
                        kept.computeIfAbsent(entry.number(), number -> new ArrayList<>()).add(entry.binding()));
            }
        } catch (IOException e) {
            log.warn("The registrations kept in {} could not be read: {}", file, e.getMessage());
        }
        return kept;
    }

    private record Entry(String number, Registrar.Binding binding) {
    }

    private Optional<Entry> binding(String line, AddressFactory addresses) {
        String[] fields = line.split(" ", 3);
        try {
            if (fields.length == 3 && addresses.createURI(fields[2]) instanceof SipURI contact) {
                return Optional.of(new Entry(fields[0], new Registrar.Binding(contact, Long.parseLong(fields[1]))));
            }
        } catch (ParseException | NumberFormatException e) {
            // Falls through: the line is skipped, as below.
        }
        log.warn("A line of {} is no registration and is skipped", file);
        return Optional.empty();
    }

    void save(Map<String, List<Registrar.Binding>> bindings) {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        bindings.forEach((number, list) -> list.forEach(binding -> text.append(number).append(' ')
                .append(binding.expiresAtMillis()).append(' ').append(binding.contact()).append('\n')));
        Path next = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.writeString(next, text, StandardCharsets.UTF_8);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // A file system that cannot swap files at once still takes them one after the other.
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("The registrations could not be kept in {}: {}", file, e.getMessage());
        }
    }
}
