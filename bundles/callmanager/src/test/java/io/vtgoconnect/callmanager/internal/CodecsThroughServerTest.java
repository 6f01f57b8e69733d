package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.testing.peers.Baresip;
import io.vtgoconnect.transport.sip.internal.CallStatistics;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls through the server between ends in different codecs: ends that share one are relayed in
 * it, ends that share none are transcoded, or refused 488 when the server does not transcode. Each
 * phone's call statistics name the codec of its own leg.
 */
class CodecsThroughServerTest {
    /** A tone no narrowband codec carries: heard only if the server relays wideband audio as it came. */
    private static final int WIDEBAND_TONE = 5000;

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

    /** Talks a second each way, hangs up, and returns what each phone heard. */
    private static ToneMeter[] talk(RegisteredPhone a, RegisteredPhone b, CallRef[] call, Voice aVoice, Voice bVoice)
            throws Exception {
        CallStatistics.awaitAnotherSecondReceived(a.phone, call[0]);
        CallStatistics.awaitAnotherSecondReceived(b.phone, call[1]);
        a.phone.hangUp(call[0]);
        b.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(call[1]));
        a.await(LineState.IDLE);
        return new ToneMeter[] {aVoice.heard(call[0]), bVoice.heard(call[1])};
    }

    @Test
    void aG722PhoneAndAPcmuPhoneHearEachOtherThroughTheServersTranscoding(@TempDir Path recordings) throws Exception {
        EmbeddedServer server = server();
        Voice aVoice = Voice.of(recordings, 400);
        Voice bVoice = Voice.of(recordings, 1000);
        try (RegisteredPhone a = phone(server, "2001", aVoice, "G722");
                RegisteredPhone b = phone(server, "2002", bVoice, "PCMU")) {
            CallRef[] call = a.callAndAnswer(b);
            assertEquals("G722:20ms", CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays).codec());
            assertEquals("G711u:20ms", CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays).codec());

            ToneMeter[] heard = talk(a, b, call, aVoice, bVoice);

            assertTrue(heard[0].somewhereHolds(200, 0.8, 1000), "the G.722 phone heard the PCMU phone");
            assertTrue(heard[1].somewhereHolds(200, 0.8, 400), "the PCMU phone heard the G.722 phone");
        }
    }

    @Test
    void aG722PhoneAndAnOpusPhoneHearEachOtherInWidebandThroughTheServersTranscoding(@TempDir Path recordings)
            throws Exception {
        EmbeddedServer server = server();
        Voice aVoice = Voice.of(recordings, WIDEBAND_TONE);
        Voice bVoice = Voice.of(recordings, 3000);
        try (RegisteredPhone a = phone(server, "2001", aVoice, "G722");
                RegisteredPhone b = phone(server, "2002", bVoice, "opus")) {
            CallRef[] call = a.callAndAnswer(b);
            assertEquals("G722:20ms", CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays).codec());
            assertEquals("Opus:20ms", CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays).codec());

            ToneMeter[] heard = talk(a, b, call, aVoice, bVoice);

            assertTrue(heard[0].somewhereHolds(200, 0.8, 3000), "the G.722 phone heard the Opus phone");
            assertTrue(heard[1].somewhereHolds(200, 0.8, WIDEBAND_TONE), "the Opus phone heard the G.722 phone's 5 kHz");
        }
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
    void withTranscodingOffEndsSharingACodecTalkInIt(@TempDir Path recordings) throws Exception {
        EmbeddedServer server = server("media_transcoding", false);
        Voice aVoice = Voice.of(recordings, 400);
        Voice bVoice = Voice.of(recordings, 1000);
        try (RegisteredPhone a = phone(server, "2001", aVoice, "G722", "PCMU");
                RegisteredPhone b = phone(server, "2002", bVoice, "PCMU")) {
            CallRef[] call = a.callAndAnswer(b);
            // The server offered the callee what the caller offered, and answered the caller in the callee's choice.
            assertEquals("G711u:20ms", CallStatistics.await(a.phone, call[0], CallStatistics::flowsBothWays).codec());
            assertEquals("G711u:20ms", CallStatistics.await(b.phone, call[1], CallStatistics::flowsBothWays).codec());

            ToneMeter[] heard = talk(a, b, call, aVoice, bVoice);

            assertTrue(heard[0].somewhereHolds(200, 0.8, 1000), "the caller heard the callee");
            assertTrue(heard[1].somewhereHolds(200, 0.8, 400), "the callee heard the caller");
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
            assertEquals("Opus:20ms", CallStatistics.hangUpAfterHearing(a.phone, a.events, call, 2, 1).codec());
            // baresip's echo re-times what it plays back, which spreads the tone a little around its pitch.
            double heard = voice.heard(call).strongestAround(200, WIDEBAND_TONE, 50);
            assertTrue(heard > 0.8, "our 5 kHz tone came back through the server and baresip in Opus: " + heard);
        }
    }
}
