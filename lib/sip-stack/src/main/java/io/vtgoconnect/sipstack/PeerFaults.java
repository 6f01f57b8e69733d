package io.vtgoconnect.sipstack;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What peers send that the endpoint drops (malformed or oversized messages, connections that
 * broke the limits), logged as one warning line a source at most every {@value #QUIET_MILLIS}
 * ms, with the count dropped meanwhile: never a stack trace, never the message's bytes, which may
 * carry credentials. A flood from many sources keeps only the most recent {@value #SOURCES_KEPT}.
 */
public final class PeerFaults {
    static final long QUIET_MILLIS = 10_000;
    static final int SOURCES_KEPT = 1024;
    private static final System.Logger LOG = System.getLogger("io.vtgoconnect.sipstack.PeerFaults");

    private record Source(long loggedAtMillis, int droppedSince) {
    }

    private final String endpoint;
    private final Map<String, Source> sources = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
            return size() > SOURCES_KEPT;
        }
    };

    PeerFaults(String endpoint) {
        this.endpoint = endpoint;
    }

    /** A message or connection from {@code source} ({@code address:port}) was dropped for {@code why} (a few words of ours). */
    public void dropped(String source, String why) {
        String line;
        synchronized (sources) {
            long now = System.currentTimeMillis();
            Source known = sources.get(source);
            if (known != null && now - known.loggedAtMillis() < QUIET_MILLIS) {
                sources.put(source, new Source(known.loggedAtMillis(), known.droppedSince() + 1));
                return;
            }
            int before = known == null ? 0 : known.droppedSince();
            sources.put(source, new Source(now, 0));
            line = "SIP " + endpoint + " dropped a message from " + source + ": " + why
                    + (before > 0 ? " (and " + before + " more from there in the last " + QUIET_MILLIS / 1000 + " s)" : "");
        }
        LOG.log(Level.WARNING, line);
    }
}
