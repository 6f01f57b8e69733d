package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.sipstack.SrtpMode;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.Linphone;
import io.vtgoconnect.testing.peers.Linphone.CallState;
import io.vtgoconnect.testing.peers.Linphone.Encryption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our phone (2001) and linphone-daemon (2003) through Kamailio in G.722 and Opus, with and without
 * SRTP. linphone sends back what it hears, so our phone's recording holds its own tone only when
 * the audio went both ways through linphone's decoder and encoder.
 */
class LinphoneMediaTest {
    private static final int TONE = 1000;
    /**
     * How long the phone listens once audio flows: linphone's echo passes through its own RTP loop
     * (encoded and decoded once more), which can take seconds to start sending the tone back, and
     * until then sends few or no packets (Opus's silence); so the phone also waits for the bytes of
     * two seconds of the tone at 32 kbit/s.
     */
    private static final int ECHO_SECONDS = 2;
    private static final long ECHO_BYTES = 8000;

    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final RecordingListener events = new RecordingListener();
    @TempDir
    Path recordings;
    private SipSoftphone phone;
    private Linphone linphone;

    @AfterEach
    void stopAll() {
        if (phone != null) {
            phone.stop();
        }
        if (linphone != null) {
            linphone.close();
        }
        kamailio.close();
    }

    private void start(Linphone.Media media, SrtpMode srtp, String... codecs) {
        linphone = new Linphone("2003", kamailio.port, media);
        phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "codecs", codecs, "media_source", "tone:" + TONE,
                "recording_folder", recordings.toString()), TestLogs.FACTORY);
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port, "srtp", srtp));
        phone.start(events);
        events.await(CallManagerConnected.class);
    }

    /** Our phone calls linphone, which answers. */
    private CallRef callLinphone() {
        CallRef ours = phone.dial(1, "2003");
        int theirs = linphone.awaitCall(CallState.INCOMING_RECEIVED);
        linphone.answer(theirs);
        events.await(LineUpdate.class, update -> update.callRef().equals(ours) && update.state() == LineState.CONNECTED);
        linphone.awaitState(theirs, CallState.STREAMS_RUNNING);
        return ours;
    }

    private void assertHeardOurTone(CallRef call, String how) throws Exception {
        // linphone's loop re-times the frames it echoes, so the tone comes back with jumps of phase,
        // spread around its pitch: within 50 Hz of it, well apart from any other tone.
        double strongest = ToneMeter.of(recordings.resolve("call-" + call + ".wav")).strongestAround(200, TONE, 50);
        assertTrue(strongest >= 0.8, "our tone came back through linphone " + how + ": at best " + strongest
                + " of the energy");
    }

    @Test
    void g722BothWaysWithLinphone() throws Exception {
        start(new Linphone.Media("G722/8000/1", Encryption.NONE), SrtpMode.OFF, "G722", "PCMU");
        CallRef call = callLinphone();

        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, call, ECHO_SECONDS, ECHO_BYTES);

        assertEquals("G722:20ms", stats.codec());
        assertHeardOurTone(call, "in G.722");
    }

    @Test
    void opusBothWaysWithLinphone() throws Exception {
        start(new Linphone.Media("opus/48000/2", Encryption.NONE), SrtpMode.OFF, "PCMU", "opus");
        CallRef call = callLinphone();

        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, call, ECHO_SECONDS, ECHO_BYTES);

        assertEquals("Opus:20ms", stats.codec());
        assertHeardOurTone(call, "in Opus");
    }

    @Test
    void mandatorySrtpBothWaysWithLinphone() throws Exception {
        start(new Linphone.Media("G722/8000/1", Encryption.SRTP_MANDATORY), SrtpMode.MANDATORY, "G722");
        CallRef call = callLinphone();

        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, call, ECHO_SECONDS, ECHO_BYTES);

        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertHeardOurTone(call, "in SRTP");
    }

    @Test
    void linphonesSrtpCallIsAnsweredByAnOptionalLine() throws Exception {
        start(new Linphone.Media("opus/48000/2", Encryption.SRTP), SrtpMode.OPTIONAL, "opus", "PCMU");

        int theirs = linphone.call("2001");
        IncomingCall ringing = events.await(IncomingCall.class);
        phone.answer(ringing.callRef());
        linphone.awaitState(theirs, CallState.STREAMS_RUNNING);
        CallStatsUpdate stats = CallStatistics.hangUpAfterHearing(phone, events, ringing.callRef(), ECHO_SECONDS, ECHO_BYTES);

        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertEquals("Opus:20ms", stats.codec());
        assertHeardOurTone(ringing.callRef(), "in SRTP");
    }
}
