package io.vtgoconnect.callmanager.internal.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A credential policy as CUCM's: a user who fails to authenticate {@code attempts} times within
 * the window is locked for the lock time, whatever they give meanwhile; a success clears the
 * failures. Thread-safe.
 */
public final class Lockout {
    /** Users followed at most; the oldest are forgotten first (an attacker trying many names). */
    private static final int USERS_KEPT = 10_000;

    private final int attempts;
    private final long windowMillis;
    private final long lockMillis;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>();
    private final Map<String, Long> lockedUntil = new LinkedHashMap<>();

    public Lockout(int attempts, long windowMillis, long lockMillis, LongSupplier clock) {
        this.attempts = Math.max(1, attempts);
        this.windowMillis = windowMillis;
        this.lockMillis = lockMillis;
        this.clock = clock;
    }

    /** Seconds the user stays locked (rounded up), or 0 when not locked. */
    public synchronized long lockedSeconds(String user) {
        Long until = lockedUntil.get(user);
        long now = clock.getAsLong();
        if (until == null || until <= now) {
            lockedUntil.remove(user);
            return 0;
        }
        return (until - now + 999) / 1000;
    }

    /** A failed attempt of the user's. @return whether it locked the user */
    public synchronized boolean failed(String user) {
        long now = clock.getAsLong();
        Deque<Long> recent = failures.computeIfAbsent(user, key -> new ArrayDeque<>());
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst() <= now - windowMillis) {
            recent.removeFirst();
        }
        forgetOldest(failures);
        if (recent.size() < attempts) {
            return false;
        }
        failures.remove(user);
        lockedUntil.put(user, now + lockMillis);
        forgetOldest(lockedUntil);
        return true;
    }

    public synchronized void succeeded(String user) {
        failures.remove(user);
    }

    private static void forgetOldest(Map<String, ?> map) {
        if (map.size() > USERS_KEPT) {
            map.remove(map.keySet().iterator().next());
        }
    }
}
