package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.media.ConferenceMixer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legs that hear each other: a two-party call, a barged call, a meet-me conference. Each leg
 * hears the mix of the others (its RTP session ticks the mixer); a listener (watch) hears all and
 * is not heard. Digits one leg sends reach the others.
 */
final class Bridge {
    private final ConferenceMixer mixer = new ConferenceMixer();
    private final Map<Leg, ConferenceMixer.Party> members = new LinkedHashMap<>();
    /** A call ends when one party is left; a conference room stays open. */
    private final boolean endsWhenAlone;
    /** The members as media threads see them when they relay digits. */
    private volatile List<Leg> current = List.of();

    Bridge(boolean endsWhenAlone) {
        this.endsWhenAlone = endsWhenAlone;
    }

    boolean endsWhenAlone() {
        return endsWhenAlone;
    }

    /** The leg hears everyone else and is heard. */
    void join(Leg leg) {
        ConferenceMixer.Party party = mixer.join();
        enter(leg, party);
        leg.wire(party, party);
    }

    /** The leg hears everyone and is not heard (silent monitoring). */
    void listen(Leg leg) {
        ConferenceMixer.Party party = mixer.join();
        enter(leg, party);
        leg.wire(party, (samples, count) -> { });
    }

    private void enter(Leg leg, ConferenceMixer.Party party) {
        if (leg.bridge != null) {
            leg.bridge.leave(leg);
        }
        members.put(leg, party);
        current = List.copyOf(members.keySet());
        leg.bridge = this;
        leg.media.setDtmfListener(digit -> relayDigit(leg, digit));
    }

    /** The leg leaves; it then hears and says nothing until wired again. */
    void leave(Leg leg) {
        ConferenceMixer.Party party = members.remove(leg);
        if (party != null) {
            current = List.copyOf(members.keySet());
            party.close();
            leg.bridge = null;
            leg.wire(frame -> java.util.Arrays.fill(frame, (short) 0), (samples, count) -> { });
            leg.media.setDtmfListener(digit -> { });
        }
    }

    List<Leg> members() {
        return new ArrayList<>(members.keySet());
    }

    List<Leg> others(Leg leg) {
        return members.keySet().stream().filter(other -> other != leg).toList();
    }

    private void relayDigit(Leg from, char digit) {
        // Called on a media thread: sending digits only queues them on the other sessions.
        for (Leg other : current) {
            if (other != from) {
                other.media.session().sendDigits(String.valueOf(digit));
            }
        }
    }
}
