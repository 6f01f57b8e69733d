package io.vtgoconnect.sipstack;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries kept for a while: each for {@code keptNanos} after it was put, at most {@code capacity}
 * of them, the oldest let go first when full. An entry past its time is never found, and is let
 * go of at the next put. Not thread-safe.
 */
final class AgingMap<K, V> {
    private record Entry<V>(V value, long putNanos) {
    }

    private final int capacity;
    private final long keptNanos;
    /** Oldest first. */
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>();

    /** @param capacity entries kept at most (at least 1) */
    AgingMap(int capacity, long keptNanos) {
        this.capacity = capacity;
        this.keptNanos = keptNanos;
    }

    /** Keeps the value under the key from {@code nowNanos}, in place of any it had, as the newest entry. */
    void put(K key, V value, long nowNanos) {
        Iterator<Entry<V>> oldest = entries.values().iterator();
        while (oldest.hasNext() && nowNanos - oldest.next().putNanos > keptNanos) {
            oldest.remove();
        }
        if (entries.size() >= capacity) {
            oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
        }
        entries.remove(key);
        entries.put(key, new Entry<>(value, nowNanos));
    }

    /** The value kept under the key, or null if none is, or it is past its time at {@code nowNanos}. */
    V get(K key, long nowNanos) {
        Entry<V> entry = entries.get(key);
        return entry == null || nowNanos - entry.putNanos > keptNanos ? null : entry.value;
    }

    /** Entries kept now, those past their time included until the next put. */
    int size() {
        return entries.size();
    }
}
