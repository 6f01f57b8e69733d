package io.vtgoconnect.callmanager.internal.calls;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.ConferenceMixer;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.ToneSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Legs that hear each other: a two-party call, a barged call, a meet-me conference. Each leg
 * hears the mix of the others (its RTP session ticks the mixer); a listener (watch) hears all and
 * is not heard. Digits one leg sends reach the others. A call's parties keep it going; its guests
 * (a barger, a watcher) go with it. A two-party call of one plain call's legs stays on their
 * partition; any other bridge, and any leg that joins one later, makes its calls exclusive (see {@link Turns}).
 * A two-party call whose legs speak the same codec relays their RTP packet by packet, as a media
 * relay does, instead of mixing; it mixes from the moment anything else joins, leaves or is announced.
 */
public final class Bridge {
    private final ConferenceMixer mixer;
    private final Map<Leg, ConferenceMixer.Party> members = new LinkedHashMap<>();
    private final Set<Leg> guests = new HashSet<>();
    /** A call ends when one party is left; a conference room stays open. */
    private final boolean endsWhenAlone;
    /** The members as media threads see them when they relay digits. */
    private volatile List<Leg> current = List.of();
    /** Whether the two parties' RTP is relayed rather than mixed. */
    private boolean relaying;

    /** A bridge that mixes at 8 kHz. */
    public Bridge(boolean endsWhenAlone) {
        this(endsWhenAlone, MediaEngine.SAMPLE_RATE);
    }

    private Bridge(boolean endsWhenAlone, int sampleRate) {
        this.endsWhenAlone = endsWhenAlone;
        this.mixer = new ConferenceMixer(sampleRate);
    }

    /** The two legs hear each other, in a call of their own. */
    public static void connect(Leg one, Leg other) {
        if (!one.isSameCallAs(other)) {
            one.share();
            other.share();
        }
        // Wideband ends that are transcoded (G.722 and Opus) hear each other in wideband.
        Bridge call = new Bridge(true, Math.max(sampleRate(one), sampleRate(other)));
        call.wireIn(one);
        call.wireIn(other);
        call.relayIfAlike();
    }

    /** The rate of a leg's audio: its codec's, or G.711's until it agreed on one. */
    private static int sampleRate(Leg leg) {
        return leg.agreement().map(agreed -> agreed.codec().sampleRate()).orElse(MediaEngine.SAMPLE_RATE);
    }

    /** The two parties relay each other's packets if their sessions allow it (one codec), else they stay mixed. */
    private void relayIfAlike() {
        List<Leg> parties = List.copyOf(members.keySet());
        if (parties.size() != 2 || !guests.isEmpty()) {
            return;
        }
        Media one = parties.get(0).media();
        Media other = parties.get(1).media();
        relaying = one.relayTo(other) && other.relayTo(one);
        if (!relaying) {
            mix();
        }
    }

    /** Back to mixing: what changes the bridge needs the mixer. */
    private void mix() {
        members.keySet().forEach(leg -> leg.media().relayTo(null));
        relaying = false;
    }

    /** A party's session changed (a re-INVITE, another codec): the parties relay again if they still can. */
    public void mediaChanged() {
        if (relaying) {
            mix();
            relayIfAlike();
        }
    }

    public boolean endsWhenAlone() {
        return endsWhenAlone;
    }

    /** The leg is a party: it hears everyone else and is heard. */
    public void join(Leg leg) {
        shareAllWith(leg);
        wireIn(leg);
    }

    private void wireIn(Leg leg) {
        ConferenceMixer.Party party = enter(leg);
        leg.wire(party, party);
    }

    /** A bridge changed by a feature: its calls, and the leg's, are exclusive from now on. */
    private void shareAllWith(Leg leg) {
        mix();
        leg.share();
        members.keySet().forEach(Leg::share);
    }

    /** The leg is a guest that hears everyone else and is heard (barge): it does not keep the call going. */
    public void sitIn(Leg leg) {
        join(leg);
        guests.add(leg);
    }

    /** The leg is a guest that hears everyone and is not heard (silent monitoring). */
    public void listen(Leg leg) {
        shareAllWith(leg);
        ConferenceMixer.Party party = enter(leg);
        guests.add(leg);
        leg.wire(party, AudioSink.discard());
    }

    /** For its next {@code frames} frames the others hear the tone instead of the leg, which tells them it came in. */
    public void announce(Leg leg, int amplitude, int hertz, int frames) {
        mix();
        ConferenceMixer.Party party = members.get(leg);
        AudioSource tone = ToneSource.at(mixer.sampleRate(), amplitude, hertz);
        leg.media().setSink(new AudioSink() {
            private final short[] toneFrame = new short[MediaEngine.frameSamples(mixer.sampleRate())];
            private int left = frames;

            @Override
            public int sampleRate() {
                return mixer.sampleRate();
            }

            @Override
            public void write(short[] samples, int count) {
                if (left > 0) {
                    left--;
                    tone.read(toneFrame);
                    party.write(toneFrame, toneFrame.length);
                } else {
                    party.write(samples, count);
                }
            }
        });
    }

    private ConferenceMixer.Party enter(Leg leg) {
        if (leg.bridge != null) {
            leg.bridge.leave(leg);
        }
        ConferenceMixer.Party party = mixer.join();
        members.put(leg, party);
        current = List.copyOf(members.keySet());
        leg.bridge = this;
        leg.media().setDtmfListener(digit -> relayDigit(leg, digit));
        return party;
    }

    /** The leg leaves; it then hears and says nothing until wired again. */
    public void leave(Leg leg) {
        ConferenceMixer.Party party = members.get(leg);
        if (party != null) {
            mix();
            members.remove(leg);
            guests.remove(leg);
            current = List.copyOf(members.keySet());
            party.close();
            leg.bridge = null;
            leg.wire(AudioSource.silence(), AudioSink.discard());
            leg.media().setDtmfListener(digit -> { });
        }
    }

    public List<Leg> members() {
        return new ArrayList<>(members.keySet());
    }

    /** The members that keep the call going: all but the guests. */
    public List<Leg> parties() {
        return members.keySet().stream().filter(leg -> !guests.contains(leg)).toList();
    }

    public List<Leg> others(Leg leg) {
        return members.keySet().stream().filter(other -> other != leg).toList();
    }

    private void relayDigit(Leg from, char digit) {
        // Called on a media thread: sending digits only queues them on the other sessions.
        for (Leg other : current) {
            if (other != from) {
                other.media().sendDigits(String.valueOf(digit));
            }
        }
    }
}
