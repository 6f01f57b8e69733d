package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.sipstack.SrtpMode;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of our phones on ::1 register with Kamailio listening on [::1] and call each other over
 * IPv6 only: the SIP, the SDP ({@code c=IN IP6 ::1}) and the SRTP-protected G.722 audio.
 */
class Ipv6Test {
    private static final int TONE = 5000;

    private final Kamailio kamailio = new Kamailio("[::1]", FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5",
            "/peers/kamailio.cfg");
    private final List<SipSoftphone> phones = new ArrayList<>();
    private final RecordingListener callerEvents = new RecordingListener();
    private final RecordingListener calleeEvents = new RecordingListener();
    @TempDir
    Path recordings;

    @AfterEach
    void stopAll() {
        phones.forEach(SipSoftphone::stop);
        kamailio.close();
    }

    private SipSoftphone phone(String number, RecordingListener events, int rtpPortMin, Object... settings) {
        List<Object> all = new ArrayList<>(List.of(settings));
        all.addAll(List.of("sip_address", "::1", "codecs", new String[] {"G722"}, "rtp_port_min", rtpPortMin,
                "rtp_port_max", rtpPortMin + 998));
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), all.toArray()), TestLogs.FACTORY);
        phones.add(phone);
        phone.addLine(Configs.line(number, Kamailio.password(number), "[::1]:" + kamailio.port, "srtp",
                SrtpMode.MANDATORY));
        phone.start(events);
        events.await(CallManagerConnected.class);
        return phone;
    }

    @Test
    void twoPhonesOnIpv6LoopbackTalkThroughKamailioInSrtp() throws Exception {
        SipSoftphone caller = phone("2001", callerEvents, 16000, "media_source", "tone:" + TONE);
        SipSoftphone callee = phone("2002", calleeEvents, 17000, "recording_folder", recordings.toString());

        TalkedCall call = TalkedCall.between(caller, callerEvents, callee, calleeEvents, "2002");
        CallStatsUpdate stats = call.callerStats();

        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        assertEquals(ipv6Loopback, InetAddress.getByName(stats.thisStation().address()), "the caller's audio is on ::1");
        assertEquals(ipv6Loopback, InetAddress.getByName(stats.otherStation().address()), "and goes to ::1");
        assertEquals("AES_CM_128_HMAC_SHA1_80", stats.srtp());
        assertTrue(ToneMeter.of(recordings.resolve("call-" + call.calleeCall() + ".wav")).somewhereHolds(200, 0.8, TONE),
                "the callee heard the caller's 5 kHz tone");
    }
}
