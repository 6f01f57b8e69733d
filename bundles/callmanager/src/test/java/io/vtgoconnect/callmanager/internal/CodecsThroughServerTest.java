package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.Baresip;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Calls through the server between ends in different codecs: ends that share one are relayed in
 * it, ends that share none are transcoded, or refused 488 when the server does not transcode. Each
 * phone's call statistics name the codec of its own leg.
 */
class CodecsThroughServerTest {
    /** A tone no narrowband codec carries: heard only if the server relays wideband audio as it came. */
    private static final int WIDEBAND_TONE = 5000;
    /** How long a phone may wait for baresip's echo of its tone to be heard. */
    private static final Duration ECHO_PATIENCE = Duration.ofSeconds(60);

    /** What the test started, the last first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable each : started) {
            each.close();
        }
    }

    private EmbeddedServer server(Object... settings) throws Exception {
        EmbeddedServer server = new EmbeddedServer(settings);
        started.push(server);
        return server;
    }

    private static RegisteredPhone phone(EmbeddedServer server, String number, Voice voice, String... codecs) {
        List<Object> settings = new ArrayList<>(List.of(voice.settings()));
        settings.addAll(List.of("codecs", codecs));
        return server.phone(number, settings.toArray());
    }

    /** A phone of the test: its tone, the codecs it takes, and the codec its call statistics should name. */
    private record End(int hertz, String[] codecs, String statistics) {
        static End saying(int hertz, String statistics, String... codecs) {
            return new End(hertz, codecs, statistics);
        }
    }

    /**
     * 2001 calls 2002 through the server and they talk a second each way: each phone's statistics
     * name its own leg's codec, and each heard the other's tone.
     */
    private static void callAndHearEachOther(EmbeddedServer server, Path recordings, End caller, End callee)
            throws Exception {
        Voice aVoice = Voice.of(recordings, caller.hertz());
        Voice bVoice = Voice.of(recordings, callee.hertz());
        try (RegisteredPhone a = phone(server, "2001", aVoice, caller.codecs());
                RegisteredPhone b = phone(server, "2002", bVoice, callee.codecs())) {
            CallRef[] call = a.callAndAnswer(b);
            assertEquals(caller.statistics(), CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays).codec());
            assertEquals(callee.statistics(), CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays).codec());
            CallStatistics.awaitAnotherSecondReceived(a.phone, call[0]);
            CallStatistics.awaitAnotherSecondReceived(b.phone, call[1]);
            a.phone.hangUp(call[0]);
            b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[1]));
            a.await(LineState.IDLE);

            assertTrue(aVoice.heard(call[0]).somewhereHolds(200, 0.8, callee.hertz()), "the caller heard the callee");
            assertTrue(bVoice.heard(call[1]).somewhereHolds(200, 0.8, caller.hertz()), "the callee heard the caller");
        }
    }

    @Test
    void aG722PhoneAndAPcmuPhoneHearEachOtherThroughTheServersTranscoding(@TempDir Path recordings) throws Exception {
        callAndHearEachOther(server(), recordings, End.saying(400, "G722:20ms", "G722"),
                End.saying(1000, "G711u:20ms", "PCMU"));
    }

    @Test
    void aG722PhoneAndAnOpusPhoneHearEachOtherInWidebandThroughTheServersTranscoding(@TempDir Path recordings)
            throws Exception {
        // The 5 kHz tone crosses only a transcoding that stays wideband.
        callAndHearEachOther(server(), recordings, End.saying(WIDEBAND_TONE, "G722:20ms", "G722"),
                End.saying(3000, "Opus:20ms", "opus"));
    }

    @Test
    void withTranscodingOffEndsSharingACodecTalkInIt(@TempDir Path recordings) throws Exception {
        // The server offered the callee what the caller offered, and answered the caller in the callee's choice.
        callAndHearEachOther(server("media_transcoding", false), recordings, End.saying(400, "G711u:20ms", "G722", "PCMU"),
                End.saying(1000, "G711u:20ms", "PCMU"));
    }

    @Test
    void withTranscodingOffAG722PhoneCallingAPcmuPhoneIsRefused(@TempDir Path recordings) throws Exception {
        EmbeddedServer server = server("media_transcoding", false);
        try (RegisteredPhone a = phone(server, "2001", Voice.of(recordings, 400), "G722");
                RegisteredPhone b = phone(server, "2002", Voice.of(recordings, 1000), "PCMU")) {
            CallRef refused = a.phone.dial(1, "2002");
            LineUpdate end = a.events.await(LineUpdate.class, update -> update.callRef().equals(refused)
                    && update.state() != LineState.OFF_HOOK && update.state() != LineState.PROCEED
                    && update.state() != LineState.RING_OUT);
            assertEquals(LineState.CONGESTION, end.state());
            server.awaitNoCalls();
            assertTrue(b.events.lines(0).stream().noneMatch(line -> line.contains("IncomingCall")),
                    "the PCMU phone did not ring: " + b.events.lines(0));
        }
    }

    @Test
    void anOpusCallToBaresipsEchoThroughTheServerComesBackInWideband(@TempDir Path recordings) throws Exception {
        // baresip 1.0 answers MD5 challenges only.
        EmbeddedServer server = server("digest_algorithms", new String[] {"MD5"});
        Baresip baresip = new Baresip("2003", server.sipPort, 19000, Baresip.Options.echo().codecs("opus/48000/2"));
        started.push(baresip);
        baresip.awaitRegistered();
        Voice voice = Voice.of(recordings, WIDEBAND_TONE);
        try (RegisteredPhone a = phone(server, "2001", voice, "opus", "PCMU")) {
            CallRef call = a.phone.dial(1, "2003");
            a.await(call, LineState.CONNECTED);
            // baresip echoes silence while too few of our frames reach it, as when loaded cores starve our phone's
            // clock thread (it sent 8 to 40 % of its frames in runs that failed): the phone first hears its tone
            // come back, then the two seconds it records.
            try {
                a.events.awaitLevel(reading -> reading.callRef().equals(call) && reading.received() > -40, ECHO_PATIENCE);
            } catch (AssertionFailedError notHeard) {
                throw new AssertionFailedError("baresip's echo was not heard; the call's statistics: "
                        + a.phone.callStats(call), notHeard);
            }
            CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(a.phone, a.events, call, 2, 1);
            assertEquals("Opus:20ms", stats.codec());
            // baresip's echo re-times what it plays back, which spreads the tone a little around its pitch.
            double heard = voice.heard(call).strongestAround(200, WIDEBAND_TONE, 50);
            assertTrue(heard > 0.8, "our 5 kHz tone came back through the server and baresip in Opus: " + heard
                    + "; the call's statistics: " + stats);
        }
    }
}
