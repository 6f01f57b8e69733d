package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.srtp.MasterKey;
import io.vtgoconnect.media.srtp.SdesCrypto;
import io.vtgoconnect.media.srtp.SrtpKeys;
import io.vtgoconnect.media.srtp.SrtpSuite;
import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two SRTP sessions of one engine over real UDP sockets on 127.0.0.1, keyed as an SDES offer and
 * answer key them, and a relay between them that loses, reorders, replays and tampers.
 */
class SrtpSessionTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RtpSessionConfig CONFIG = RtpSessionConfig.defaults().withPortRange(32000, 32999)
            .withRtcpInterval(Duration.ofMillis(200));

    private final MediaEngine engine = new MediaEngine();
    private final RecordingSink heardByA = new RecordingSink();
    private final RecordingSink heardByB = new RecordingSink();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void sdesKeyedSessionsHearEachOtherAndMeasureTheRoundTripOverSrtcp() throws IOException {
        List<SdesCrypto> offer = SdesCrypto.offer(List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_32,
                SrtpSuite.AES_CM_128_HMAC_SHA1_80), RANDOM);
        SdesCrypto chosen = SdesCrypto.choose(offer, List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80)).orElseThrow();
        SdesCrypto answer = chosen.answer(RANDOM);
        RtpSession a = engine.open(CONFIG.withSrtp(SrtpKeys.of(chosen, answer)));
        RtpSession b = engine.open(CONFIG.withSrtp(SrtpKeys.of(answer, chosen)));
        a.setSink(heardByA);
        b.setSink(heardByB);
        a.setRemote(b.localRtpAddress());
        b.setRemote(a.localRtpAddress());
        a.setSource(new ToneSource(8000, 1000));
        b.setSource(new ToneSource(8000, 1000));
        Await.until("RTCP round trips each way, so SRTCP passes both ways, and half a second of audio",
                () -> hasRoundTrip(a.statistics()) && hasRoundTrip(b.statistics()) && heardByB.audibleFrames() > 25);
        stopAndSettle(a, b);

        MediaStatistics atB = b.statistics();
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, atB.srtpSuite());
        assertEquals(a.statistics().packetsSent(), atB.packetsReceived());
        assertEquals(a.statistics().bytesSent(), atB.bytesReceived(), "payload octets, not SRTP's");
        assertEquals(0, atB.lost());
        assertTrue(Goertzel.dominates(heardByB.samples(), 1000, 400, 700, 1400, 2000, 3000), "B hears 1 kHz");
    }

    @Test
    void anotherKeyOrPlainRtpIsNotHeard() throws IOException {
        SrtpKeys keys = new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MasterKey.generate(RANDOM),
                MasterKey.generate(RANDOM));
        RtpSession wrongKey = engine.open(CONFIG.withSrtp(keys));
        RtpSession plain = engine.open(CONFIG);
        RtpSession b = engine.open(CONFIG.withSrtp(new SrtpKeys(keys.suite(), MasterKey.generate(RANDOM),
                MasterKey.generate(RANDOM))));
        b.setSink(heardByB);
        wrongKey.setRemote(b.localRtpAddress());
        plain.setRemote(b.localRtpAddress());
        wrongKey.setSource(new ToneSource(8000, 1000));
        plain.setSource(new ToneSource(8000, 1000));
        Await.until("50 packets sent by each", () -> wrongKey.statistics().packetsSent() >= 50
                && plain.statistics().packetsSent() >= 50);
        heardByB.awaitFrames(5);
        assertEquals(0, b.statistics().packetsReceived());
        assertEquals(0, heardByB.audibleFrames());
        assertNull(plain.statistics().srtpSuite());
    }

    @Test
    void lossReorderingReplayAndTamperingThroughARelay() throws Exception {
        MasterKey aKey = MasterKey.generate(RANDOM);
        MasterKey bKey = MasterKey.generate(RANDOM);
        RtpSession a = engine.open(CONFIG.withSrtp(new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_32, aKey, bKey)));
        RtpSession b = engine.open(CONFIG.withSrtp(new SrtpKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_32, bKey, aKey)));
        a.setSink(heardByA);
        b.setSink(heardByB);
        AtomicInteger tampered = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        AtomicInteger relayed = new AtomicInteger();
        AtomicReference<byte[]> held = new AtomicReference<>();
        List<byte[]> genuine = new ArrayList<>();
        try (UdpRelay relay = new UdpRelay(b.localRtpAddress(), (index, datagram) -> {
            List<byte[]> out = new ArrayList<>();
            if (index % 10 == 1) {
                // Held back, to come after its successor.
                held.set(datagram);
                relayed.set(index + 1);
                return out;
            }
            if (index % 13 == 7) {
                dropped.incrementAndGet();
            } else if (index % 7 == 3) {
                byte[] changed = datagram.clone();
                changed[20] ^= 1;
                tampered.incrementAndGet();
                out.add(changed);
            } else {
                out.add(datagram);
                genuine.add(datagram);
            }
            byte[] late = held.getAndSet(null);
            if (late != null) {
                out.add(late);
                genuine.add(late);
            }
            if (index % 5 == 0 && genuine.size() >= 3) {
                // Replays: the last genuine one, and one from before it.
                out.add(genuine.get(genuine.size() - 1).clone());
                out.add(genuine.get(genuine.size() - 3).clone());
                replayed.addAndGet(2);
            }
            relayed.set(index + 1);
            return out;
        })) {
            a.setRemote(relay.callerSide());
            a.setSource(new ToneSource(8000, 1000));
            b.setSource(new ToneSource(8000, 500));
            Await.until("100 packets through the relay", () -> b.statistics().packetsReceived() >= 100);
            a.setDirection(MediaDirection.INACTIVE);
            heardByA.awaitFrames(3);
            long sent = a.statistics().packetsSent();
            Await.until("the relay to have taken every packet A sent", () -> relayed.get() >= sent);
            // The last one may still be held back when A stops.
            long missing = tampered.get() + dropped.get() + (held.get() != null ? 1 : 0);
            Await.until("what was sent to arrive, less what was lost or tampered",
                    () -> b.statistics().packetsReceived() + missing >= sent);
            heardByB.awaitFrames(10);
            MediaStatistics atB = b.statistics();
            assertTrue(replayed.get() >= 30, replayed + " replays");
            assertEquals(sent - missing, atB.packetsReceived(), "replays and forgeries are not received");
            assertTrue(atB.lost() >= dropped.get() && atB.lost() <= missing,
                    "losses and forgeries count as lost: " + atB.lost());
            assertTrue(Goertzel.dominates(heardByB.samples(), 1000, 400, 700, 1400, 2000, 3000), "B hears 1 kHz");
            Await.until("A hears B back through the relay", () -> heardByA.audibleFrames() > 10);
        }
    }

    private static boolean hasRoundTrip(MediaStatistics statistics) {
        return statistics.farEnd() != null && statistics.farEnd().roundTrip() != null;
    }

    private void stopAndSettle(RtpSession a, RtpSession b) {
        a.setDirection(MediaDirection.INACTIVE);
        b.setDirection(MediaDirection.INACTIVE);
        heardByA.awaitFrames(3);
        Await.until("every packet sent to arrive",
                () -> b.statistics().packetsReceived() == a.statistics().packetsSent()
                        && a.statistics().packetsReceived() == b.statistics().packetsSent());
    }
}
