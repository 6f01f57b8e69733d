package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.ConferenceMixer;
import io.vtgoconnect.media.MediaEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conference mixed on this phone: each far end hears the others and the phone's own voice,
 * and the phone hears them all. The phone's own voice and hearing have no clock of their own,
 * so they tick with the media of one member call, the anchor.
 */
final class LocalConference {
    private final ConferenceMixer mixer;
    private final Map<SipCall, ConferenceMixer.Party> members = new LinkedHashMap<>();
    private final ConferenceMixer.Party own;
    private SipCall anchor;

    /** A conference mixing at the rate of the phone's own voice and hearing. */
    LocalConference(int sampleRate) {
        mixer = new ConferenceMixer(sampleRate);
        own = mixer.join();
    }

    /** Mixes the call in; the first call added carries the phone's own voice. */
    void add(SipCall call) {
        ConferenceMixer.Party party = mixer.join();
        members.put(call, party);
        if (anchor == null) {
            anchor(call);
        } else {
            call.media.route(party, party);
        }
    }

    boolean contains(SipCall call) {
        return members.containsKey(call);
    }

    List<SipCall> members() {
        return new ArrayList<>(members.keySet());
    }

    /** The call added last. */
    Optional<SipCall> lastAdded() {
        return members.keySet().stream().reduce((first, second) -> second);
    }

    /** Takes the call out (it ended or left); another member carries the phone's own voice when it did. */
    void remove(SipCall call) {
        ConferenceMixer.Party party = members.remove(call);
        if (party == null) {
            return;
        }
        party.close();
        call.media.unroute();
        if (call == anchor) {
            anchor = null;
            members.keySet().stream().findFirst().ifPresent(this::anchor);
        }
    }

    /** Ends the mixing: every remaining call goes back to the phone's own voice. */
    void dissolve() {
        members().forEach(this::remove);
        own.close();
    }

    private void anchor(SipCall call) {
        anchor = call;
        ConferenceMixer.Party party = members.get(call);
        AudioSource voice = call.media.voice();
        AudioSink hearing = call.media.hearing();
        int rate = mixer.sampleRate();
        short[] said = new short[MediaEngine.frameSamples(rate)];
        short[] heard = new short[MediaEngine.frameSamples(rate)];
        call.media.route(new AudioSource() {
            @Override
            public void read(short[] frame) {
                voice.read(said);
                own.write(said, said.length);
                party.read(frame);
            }

            @Override
            public int sampleRate() {
                return rate;
            }
        }, new AudioSink() {
            @Override
            public void write(short[] samples, int count) {
                party.write(samples, count);
                own.read(heard);
                hearing.write(heard, heard.length);
            }

            @Override
            public int sampleRate() {
                return rate;
            }
        });
    }
}
