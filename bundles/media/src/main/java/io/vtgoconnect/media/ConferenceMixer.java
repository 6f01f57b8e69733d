package io.vtgoconnect.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mixes a conference at one sample rate: each party hears the sum of everyone else (mix-minus),
 * saturated to 16 bits. A conference of narrowband calls mixes at 8 kHz; one with any wideband
 * call (G.722, Opus) should mix at 16 kHz, so that wideband parties hear each other in wideband:
 * a party's session resamples between its codec's rate and the mixer's. A party is both the sink of what it says (its session's received audio) and the source
 * of what it hears (what its session sends). Sessions tick on different clock threads in no
 * fixed order, so each party keeps its last few frames and each listener takes every speaker's
 * frames in turn, once each: a frame is neither heard twice nor skipped when two ticks swap
 * places, and a speaker with nothing new adds silence.
 */
public final class ConferenceMixer {
    /** Frames a speaker keeps for listeners that are a tick or two behind. */
    private static final int HISTORY = 4;

    private final List<Party> parties = new ArrayList<>();
    private final int sampleRate;
    private final int frameSamples;
    /** Made when a party first hears, as a party's history is when it first speaks (see {@link Party#said}). */
    private int[] sum;
    private int nextIndex;

    /** A mixer at 8 kHz. */
    public ConferenceMixer() {
        this(MediaEngine.SAMPLE_RATE);
    }

    /** A mixer at this rate: 8000 or 16000. */
    public ConferenceMixer(int sampleRate) {
        this.frameSamples = MediaEngine.frameSamples(sampleRate);
        this.sampleRate = sampleRate;
    }

    /** The rate this mixer mixes at. */
    public int sampleRate() {
        return sampleRate;
    }

    /** A new party, who hears everything said from now on. */
    public synchronized Party join() {
        Party party = new Party(nextIndex++);
        party.framesHeard = new long[nextIndex];
        for (Party speaker : parties) {
            party.framesHeard[speaker.index] = speaker.framesSaid;
        }
        parties.add(party);
        return party;
    }

    /** One member of the conference. */
    public final class Party implements AudioSink, AudioSource, AutoCloseable {
        private final int index;
        /**
         * Its last frames, made at the first it says: the call server's two-party calls relay their
         * RTP instead of mixing, and their parties, made as the call is bridged, never speak (made
         * with the party, a call's two histories and the sum were 3.4 KB of the 36 KB it held).
         */
        private short[][] said;
        private long framesSaid;
        /** For each speaker's index, how many of its frames this party has heard. */
        private long[] framesHeard;

        private Party(int index) {
            this.index = index;
        }

        @Override
        public int sampleRate() {
            return sampleRate;
        }

        /** What this party says. */
        @Override
        public void write(short[] samples, int count) {
            synchronized (ConferenceMixer.this) {
                if (said == null) {
                    said = new short[HISTORY][frameSamples];
                }
                short[] frame = said[(int) (framesSaid % HISTORY)];
                int length = Math.min(count, frame.length);
                System.arraycopy(samples, 0, frame, 0, length);
                Arrays.fill(frame, length, frame.length, (short) 0);
                framesSaid++;
            }
        }

        /** What this party hears: the next frame of every other party, summed. */
        @Override
        public void read(short[] frame) {
            synchronized (ConferenceMixer.this) {
                if (sum == null) {
                    sum = new int[frameSamples];
                }
                Arrays.fill(sum, 0);
                for (Party speaker : parties) {
                    if (speaker != this) {
                        addNextFrame(speaker);
                    }
                }
                for (int i = 0; i < frame.length; i++) {
                    int sample = i < sum.length ? sum[i] : 0;
                    frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
                }
            }
        }

        /** Leaves the conference. */
        @Override
        public void close() {
            synchronized (ConferenceMixer.this) {
                parties.remove(this);
            }
        }

        private void addNextFrame(Party speaker) {
            if (speaker.index >= framesHeard.length) {
                framesHeard = Arrays.copyOf(framesHeard, speaker.index + 1);
            }
            // Frames older than the speaker's history are gone: a listener that far behind skips them.
            long next = Math.max(framesHeard[speaker.index], speaker.framesSaid - HISTORY);
            if (next >= speaker.framesSaid) {
                return;
            }
            short[] frame = speaker.said[(int) (next % HISTORY)];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += frame[i];
            }
            framesHeard[speaker.index] = next + 1;
        }
    }
}
