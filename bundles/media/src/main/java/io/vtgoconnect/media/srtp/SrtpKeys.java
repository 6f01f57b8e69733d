package io.vtgoconnect.media.srtp;

import java.util.Objects;

/**
 * What an SRTP session needs: the suite the offer and answer agreed on, the master key this end
 * sends with (the one its own {@code a=crypto} line carries) and the one the far end sends with
 * (from the far end's line).
 */
public record SrtpKeys(SrtpSuite suite, MasterKey send, MasterKey receive) {
    public SrtpKeys {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(receive, "receive");
    }

    /** The keys of a negotiated pair of {@code a=crypto} lines: ours and the far end's, of one suite. */
    public static SrtpKeys of(SdesCrypto local, SdesCrypto remote) {
        if (local.suite() != remote.suite()) {
            throw new IllegalArgumentException("the two a=crypto lines name different suites: " + local.suite()
                    + " and " + remote.suite());
        }
        return new SrtpKeys(local.suite(), local.key(), remote.key());
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + suite + ", keys hidden]";
    }
}
