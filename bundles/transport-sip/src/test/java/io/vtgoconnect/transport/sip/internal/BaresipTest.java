package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.sipstack.SrtpMode;
import io.vtgoconnect.testing.peers.Baresip;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our phone (2001) and baresip 1.0 (2005) through Kamailio, in G.722 and Opus, with and without
 * SRTP. Calling baresip's echo, our phone hears its own tone back, so the audio went both ways
 * through baresip's decoder and encoder; called by baresip's sine, it hears the sine. The tones
 * are at 5 kHz, which no narrowband codec carries.
 */
class BaresipTest {
    private static final int TONE = 5000;
    private static final int SINE = 4000;
    /** How long the phone listens once audio flows. */
    private static final int HEARD_SECONDS = 2;

    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final RecordingListener events = new RecordingListener();
    @TempDir
    Path recordings;
    private SipSoftphone phone;
    private Baresip baresip;

    @AfterEach
    void stopAll() throws Exception {
        if (phone != null) {
            phone.stop();
        }
        if (baresip != null) {
            baresip.close();
        }
        kamailio.close();
    }

    private void start(Baresip.Options options, SrtpMode srtp, String... codecs) throws Exception {
        baresip = new Baresip("2005", kamailio.port, 19000, options);
        phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "codecs", codecs, "media_source", "tone:" + TONE,
                "recording_folder", recordings.toString()), TestLogs.FACTORY);
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port, "srtp", srtp));
        phone.start(events);
        events.await(CallManagerConnected.class);
        baresip.awaitRegistered();
    }

    /** Calls baresip's echo and returns the statistics once audio came back, and what was heard, after hanging up. */
    private CallStatsUpdate callEcho(CallRef[] call) throws Exception {
        call[0] = phone.dial(1, "2005");
        events.await(LineUpdate.class, update -> update.callRef().equals(call[0]) && update.state() == LineState.CONNECTED);
        return CallStatistics.hangUpAfterHearing(phone, events, call[0], HEARD_SECONDS, 1);
    }

    private ToneMeter heard(CallRef call) throws Exception {
        return ToneMeter.of(recordings.resolve("call-" + call + ".wav"));
    }

    @Test
    void g722ToBaresipsEchoComesBackAtFiveKilohertz() throws Exception {
        start(Baresip.Options.echo().codecs("G722"), SrtpMode.OFF, "G722", "PCMU");
        CallRef[] call = new CallRef[1];

        CallStatsUpdate stats = callEcho(call);

        assertEquals("G722:20ms", stats.codec());
        assertTrue(heard(call[0]).somewhereHolds(200, 0.8, TONE), "our tone came back through baresip in G.722");
    }

    @Test
    void opusToBaresipsEchoComesBackAtFiveKilohertz() throws Exception {
        start(Baresip.Options.echo().codecs("opus/48000/2"), SrtpMode.OFF, "opus", "PCMU");
        CallRef[] call = new CallRef[1];

        CallStatsUpdate stats = callEcho(call);

        assertEquals("Opus:20ms", stats.codec());
        assertTrue(heard(call[0]).somewhereHolds(200, 0.8, TONE), "our tone came back through baresip in Opus");
    }

    @Test
    void baresipCallingInOpusIsAnsweredAndHeard() throws Exception {
        start(Baresip.Options.sine(SINE).codecs("opus/48000/2,PCMU"), SrtpMode.OFF, "opus", "G722", "PCMU");

        baresip.dial("sip:2001@127.0.0.1:" + kamailio.port);
        IncomingCall ringing = events.await(IncomingCall.class);
        phone.answer(ringing.callRef());
        baresip.awaitEvent("CALL_ESTABLISHED");
        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, ringing.callRef(), HEARD_SECONDS, 1);

        assertEquals("Opus:20ms", stats.codec());
        assertTrue(heard(ringing.callRef()).somewhereHolds(200, 0.8, SINE), "baresip's 4 kHz sine");
    }

    @Test
    void mandatorySrtpToBaresipsMandatoryEcho() throws Exception {
        start(Baresip.Options.echo().codecs("G722").encryption("srtp-mand"), SrtpMode.MANDATORY, "G722");
        CallRef[] call = new CallRef[1];

        CallStatsUpdate stats = callEcho(call);

        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertTrue(heard(call[0]).somewhereHolds(200, 0.8, TONE), "our tone came back through baresip in SRTP");
    }

    @Test
    void optionalSrtpToBaresipsBestEffortEchoIsProtected() throws Exception {
        start(Baresip.Options.echo().codecs("opus/48000/2").encryption("srtp"), SrtpMode.OPTIONAL, "opus");
        CallRef[] call = new CallRef[1];

        CallStatsUpdate stats = callEcho(call);

        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertEquals("Opus:20ms", stats.codec());
        assertTrue(heard(call[0]).somewhereHolds(200, 0.8, TONE), "our tone came back through baresip in SRTP");
    }

    @Test
    void baresipsMandatorySrtpCallIsAnsweredByAnOptionalLine() throws Exception {
        start(Baresip.Options.sine(SINE).codecs("G722").encryption("srtp-mand"), SrtpMode.OPTIONAL, "G722", "PCMU");

        baresip.dial("sip:2001@127.0.0.1:" + kamailio.port);
        IncomingCall ringing = events.await(IncomingCall.class);
        phone.answer(ringing.callRef());
        baresip.awaitEvent("CALL_ESTABLISHED");
        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, ringing.callRef(), HEARD_SECONDS, 1);

        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertTrue(heard(ringing.callRef()).somewhereHolds(200, 0.8, SINE), "baresip's sine, decrypted");
    }

    @Test
    void baresipsBestEffortSrtpCallToALineWithoutSrtpStaysPlain() throws Exception {
        start(Baresip.Options.sine(SINE).codecs("G722").encryption("srtp"), SrtpMode.OFF, "G722");

        baresip.dial("sip:2001@127.0.0.1:" + kamailio.port);
        IncomingCall ringing = events.await(IncomingCall.class);
        phone.answer(ringing.callRef());
        baresip.awaitEvent("CALL_ESTABLISHED");
        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, ringing.callRef(), HEARD_SECONDS, 1);

        assertNull(stats.srtp());
        assertTrue(heard(ringing.callRef()).somewhereHolds(200, 0.8, SINE), "baresip's sine, in plain RTP");
    }

    @Test
    void baresipsMandatorySrtpCallToALineWithoutSrtpIsRefused() throws Exception {
        start(Baresip.Options.sine(SINE).codecs("G722").encryption("srtp-mand"), SrtpMode.OFF, "G722");

        baresip.dial("sip:2001@127.0.0.1:" + kamailio.port);

        String closed = baresip.awaitEvent("CALL_CLOSED");
        assertTrue(closed.contains("488"), closed);
        assertEquals(0, events.lines(0).stream().filter(line -> line.contains("IncomingCall")).count());
        events.lines(0).forEach(line -> assertTrue(!line.contains("PartyHangup"), line));
    }
}
