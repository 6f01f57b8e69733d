package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConferenceMixerTest {
    private final ConferenceMixer mixer = new ConferenceMixer();

    @Test
    void eachPartyHearsTheOthersButNotItself() {
        ConferenceMixer.Party a = mixer.join();
        ConferenceMixer.Party b = mixer.join();
        ConferenceMixer.Party c = mixer.join();
        say(a, 100);
        say(b, 20);
        say(c, 3);
        assertEquals(23, hear(a));
        assertEquals(103, hear(b));
        assertEquals(120, hear(c));
    }

    @Test
    void saturatesTheSum() {
        ConferenceMixer.Party a = mixer.join();
        ConferenceMixer.Party b = mixer.join();
        ConferenceMixer.Party c = mixer.join();
        say(a, -30000);
        say(b, 30000);
        say(c, 30000);
        assertEquals(Short.MAX_VALUE, hear(a));
        say(b, -30000);
        say(c, -30000);
        assertEquals(Short.MIN_VALUE, hear(a));
    }

    @Test
    void aFrameIsHeardOnceAndInTurnWhateverTheTickOrder() {
        ConferenceMixer.Party a = mixer.join();
        ConferenceMixer.Party b = mixer.join();
        say(b, 1);
        say(b, 2);
        assertEquals(1, hear(a));
        assertEquals(2, hear(a));
        assertEquals(0, hear(a), "nothing new: silence, not the last frame again");
    }

    @Test
    void aNewcomerHearsOnlyWhatIsSaidAfterJoiningAndALeaverIsNoLongerHeard() {
        ConferenceMixer.Party a = mixer.join();
        say(a, 7);
        ConferenceMixer.Party b = mixer.join();
        assertEquals(0, hear(b));
        say(a, 8);
        assertEquals(8, hear(b));
        a.close();
        say(a, 9);
        assertEquals(0, hear(b));
    }

    @Test
    void aWidebandMixerMixesTwentyMillisecondsAtSixteenKilohertz() {
        ConferenceMixer wideband = new ConferenceMixer(MediaEngine.WIDEBAND_SAMPLE_RATE);
        ConferenceMixer.Party a = wideband.join();
        ConferenceMixer.Party b = wideband.join();
        assertEquals(16000, a.sampleRate());
        short[] frame = new short[320];
        Arrays.fill(frame, (short) 5);
        a.write(frame, frame.length);
        short[] heard = new short[320];
        b.read(heard);
        assertEquals(5, heard[319]);
        assertEquals(8000, mixer.sampleRate());
    }

    @Test
    void partiesThatNeitherSpeakNorListenHoldNoFrames() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int calls = 500;
        List<ConferenceMixer.Party> relayed = new ArrayList<>(2 * calls);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            ConferenceMixer call = new ConferenceMixer();
            relayed.add(call.join());
            relayed.add(call.join());
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / calls;
        // The mixer and its two parties; their frames of history and the mixer's sum took 3.4 KB more.
        assertTrue(perCall < 600, perCall + " bytes a call");
        assertEquals(2 * calls, relayed.size());
    }

    private static void say(ConferenceMixer.Party party, int level) {
        short[] frame = new short[MediaEngine.FRAME_SAMPLES];
        Arrays.fill(frame, (short) level);
        party.write(frame, frame.length);
    }

    /** The level of the next frame the party hears (every sample of it is the same). */
    private static int hear(ConferenceMixer.Party party) {
        short[] frame = new short[MediaEngine.FRAME_SAMPLES];
        party.read(frame);
        for (short sample : frame) {
            assertEquals(frame[0], sample);
        }
        return frame[0];
    }
}
