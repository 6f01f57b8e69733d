package io.vtgoconnect.callmanager.internal.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * What the call server is configured with, as configurations come and go: every {@link DirectoryEntry}
 * service, by its type and key. A new entry type needs no change here.
 */
@Component(immediate = true, service = Directory.class)
public final class Directory {
    private final Map<Class<?>, Map<String, DirectoryEntry>> entries = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "remove")
    public void add(DirectoryEntry entry) {
        entries.computeIfAbsent(entry.getClass(), type -> new ConcurrentHashMap<>()).put(entry.key(), entry);
    }

    /** Forgets the entry, unless another of the same key took its place already. */
    public void remove(DirectoryEntry entry) {
        Map<String, DirectoryEntry> ofType = entries.get(entry.getClass());
        if (ofType != null) {
            ofType.remove(entry.key(), entry);
        }
    }

    /** The entry of the type with the key. */
    public <T extends DirectoryEntry> Optional<T> find(Class<T> type, String key) {
        return Optional.ofNullable(entries.getOrDefault(type, Map.of()).get(key)).map(type::cast);
    }

    /** Every entry of the type. */
    public <T extends DirectoryEntry> List<T> all(Class<T> type) {
        return entries.getOrDefault(type, Map.of()).values().stream().map(type::cast).toList();
    }

    public Optional<DirectoryLine> line(String number) {
        return find(DirectoryLine.class, number);
    }

    public Optional<DirectoryDevice> device(String name) {
        return find(DirectoryDevice.class, name);
    }

    public Optional<DirectoryUser> user(String id) {
        return find(DirectoryUser.class, id);
    }
}
