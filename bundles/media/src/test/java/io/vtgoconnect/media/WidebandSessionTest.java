package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions in G.722 and Opus over real UDP sockets on 127.0.0.1: wideband audio, digits, loss. */
class WidebandSessionTest {
    private static final int WIDEBAND = MediaEngine.WIDEBAND_SAMPLE_RATE;
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(33000, 33999)
            .withRtcpInterval(Duration.ofMillis(200));

    private final MediaEngine engine = new MediaEngine();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"G722", "opus"})
    void aFiveKilohertzToneCrossesWhichNarrowbandCannotCarry(String name) throws IOException {
        AudioCodec codec = AudioCodec.named(name).orElseThrow();
        RecordingSink heard = new RecordingSink(WIDEBAND);
        RtpSession a = engine.open(CONFIG.withCodec(codec));
        RtpSession b = engine.open(CONFIG.withCodec(codec));
        b.setSink(heard);
        connect(a, b);
        a.setSource(ToneSource.at(WIDEBAND, 8000, 5000));
        Await.until("a second of audio", () -> heard.audibleFrames() >= 50);
        Await.until("an RTCP round trip", () -> b.statistics().farEnd() != null || a.statistics().farEnd() != null);
        a.setDirection(MediaDirection.INACTIVE);
        heard.awaitFrames(3);
        Await.until("every packet to arrive",
                () -> b.statistics().packetsReceived() == a.statistics().packetsSent());

        MediaStatistics atB = b.statistics();
        assertEquals(codec.displayName() + ":20ms", atB.codec());
        assertEquals(0, atB.lost());
        assertTrue(atB.mos() > 4.2 || atB.discarded() > 0, "MOS " + atB.mos() + " with nothing lost or late");
        if (codec == G722Codec.G722) {
            assertEquals(160 * atB.packetsReceived(), atB.bytesReceived());
        }
        short[] samples = heard.samples();
        short[] steady = Arrays.copyOfRange(samples, samples.length / 4, samples.length - 3 * 320);
        // 3 kHz is where 5 kHz would fold at 8 kHz.
        assertTrue(Goertzel.dominatesAt(WIDEBAND, steady, 5000, 1000, 3000, 4000, 6000, 7000), "B hears 5 kHz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"G722", "opus"})
    void narrowbandSourcesAndSinksAreResampledAndDigitsCountTheCodecsClock(String name) throws Exception {
        AudioCodec codec = AudioCodec.named(name).orElseThrow();
        RecordingSink heard = new RecordingSink();
        RtpSession a = engine.open(CONFIG.withCodec(codec));
        RtpSession b = engine.open(CONFIG.withCodec(codec));
        b.setSink(heard);
        connect(a, b);
        a.setSource(new ToneSource(8000, 1000));
        Await.until("a second of audio", () -> heard.audibleFrames() >= 50);
        short[] samples = heard.samples();
        assertEquals(0, samples.length % 160, "8 kHz frames");
        assertTrue(Goertzel.dominates(Arrays.copyOfRange(samples, samples.length / 2, samples.length), 1000, 500,
                1500, 2000, 3000), "B hears 1 kHz at 8 kHz");

        StringBuffer digits = new StringBuffer();
        CountDownLatch three = new CountDownLatch(3);
        b.setDtmfListener(digit -> {
            digits.append(digit);
            three.countDown();
        });
        a.sendDigits("19#");
        assertTrue(three.await(10, TimeUnit.SECONDS), "digits so far: " + digits);
        long sent = a.statistics().packetsSent();
        Await.until("the last event's end packets", () -> b.statistics().packetsReceived() >= sent + 10);
        assertEquals("19#", digits.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"G722", "opus"})
    void opusConcealsLostFramesWhereG722PlaysSilence(String name) throws Exception {
        AudioCodec codec = AudioCodec.named(name).orElseThrow();
        RecordingSink heard = new RecordingSink(WIDEBAND);
        RtpSession a = engine.open(CONFIG.withCodec(codec));
        RtpSession b = engine.open(CONFIG.withCodec(codec));
        b.setSink(heard);
        try (UdpRelay relay = new UdpRelay(b.localRtpAddress(),
                (index, datagram) -> index % 10 == 5 ? List.of() : new ArrayList<>(List.of(datagram)))) {
            a.setRemote(relay.callerSide());
            a.setSource(ToneSource.at(WIDEBAND, 8000, 440));
            Await.until("a while of audio", () -> heard.audibleFrames() >= 40);
            // A frame the relay or the receiving thread held past its play-out time (a stalled thread on loaded
            // cores) is discarded and heard as silence too, concealed or not: count over a stretch where none was.
            long from;
            long lost;
            long late;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                from = heard.frames();
                MediaStatistics before = b.statistics();
                Await.until("five more losses", () -> b.statistics().lost() >= before.lost() + 5);
                heard.awaitFrames(5);
                MediaStatistics after = b.statistics();
                lost = after.lost() - before.lost();
                late = after.discarded() - before.discarded();
            } while (late > 0 && System.nanoTime() < deadline);
            assertEquals(0, late, "frames came late in every stretch");
            long silent = heard.silentFramesFrom(from);
            if (codec == OpusCodec.OPUS) {
                assertTrue(silent < lost, silent + " silent frames for " + lost + " lost: concealed");
            } else {
                assertTrue(silent >= lost - 1, silent + " silent frames for " + lost + " lost");
            }
        }
    }

    private static void connect(RtpSession a, RtpSession b) {
        a.setRemote(b.localRtpAddress());
        b.setRemote(a.localRtpAddress());
    }
}
