package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A call's RTP session following its offer and answer, against a far end's session over 127.0.0.1. */
class NegotiatedRtpTest {
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(35000, 35009);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MediaEngine engine = new MediaEngine();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void anAnswerInAnotherCodecKeepsThePortAndWhatTheCallSaysHearsAndIsToldOf() throws IOException {
        Heard heard = new Heard();
        List<Character> digits = new CopyOnWriteArrayList<>();
        AtomicInteger levelReadings = new AtomicInteger();
        try (NegotiatedRtp call = NegotiatedRtp.open(engine, CONFIG.withCodec(G711Codec.PCMA));
                RtpSession far = engine.open(CONFIG)) {
            int port = call.port();
            RtpSession offered = call.session();
            call.setSource(new ToneSource(8000, 1000));
            call.setSink(heard);
            call.setDtmfListener(digits::add);
            call.setLevelListener((sent, received) -> levelReadings.incrementAndGet());
            call.setDirection(MediaDirection.INACTIVE);

            call.use(new MediaAgreement(G711Codec.PCMU, G711Codec.PCMU.payloadType(), 101, null));
            assertNotSame(offered, call.session());
            assertSame(G711Codec.PCMU, call.session().codec());
            assertEquals(port, call.port());
            assertEquals(3, engine.freePortPairs(CONFIG.localAddress(), CONFIG.minPort(), CONFIG.maxPort()),
                    "the call's pair and the far end's are taken, once each");

            call.session().setRemote(far.localRtpAddress());
            far.setRemote(call.session().localRtpAddress());
            far.setSource(new ToneSource(8000, 500));
            until("the far end to send 25 packets", () -> far.statistics().packetsSent() >= 25);
            assertEquals(0, far.statistics().packetsReceived(), "the call stays inactive");

            call.setDirection(MediaDirection.SENDRECV);
            far.sendDigits("12#");
            until("the digits, half a second of the far end's tone and the tone at the far end",
                    () -> digits.size() == 3 && heard.audibleFrames() >= 25 && far.statistics().packetsReceived() >= 25);
            assertEquals(List.of('1', '2', '#'), digits);
            assertTrue(Goertzel.dominates(heard.samples(), 500, 1000, 1400, 2000, 3000), "the call hears 500 Hz");
            assertTrue(levelReadings.get() > 0, "the levels are read");
        }
        assertEquals(5, engine.freePortPairs(CONFIG.localAddress(), CONFIG.minPort(), CONFIG.maxPort()));
    }

    private static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    /** What the call plays: its first five seconds, and how many frames had sound. */
    private static final class Heard implements AudioSink {
        private final short[] samples = new short[5 * MediaEngine.SAMPLE_RATE];
        private int length;
        private int audibleFrames;

        @Override
        public synchronized void write(short[] frame, int count) {
            int kept = Math.min(count, samples.length - length);
            System.arraycopy(frame, 0, samples, length, kept);
            length += kept;
            for (int i = 0; i < count; i++) {
                if (frame[i] != 0) {
                    audibleFrames++;
                    return;
                }
            }
        }

        synchronized int audibleFrames() {
            return audibleFrames;
        }

        synchronized short[] samples() {
            return Arrays.copyOf(samples, length);
        }
    }
}
