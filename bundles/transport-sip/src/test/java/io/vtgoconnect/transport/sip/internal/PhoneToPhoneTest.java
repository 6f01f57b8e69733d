package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.control.Softkey;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallStatsUpdate;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.api.event.PartyBusy;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.media.AudioLevel;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.EventConstants;

/**
 * Two of our phones call each other through Kamailio: signalling, codec choice and RTP both ways
 * (on the one media engine they share, as the phones of a runtime do), and the audio level
 * readings measured only while somebody takes them.
 */
class PhoneToPhoneTest {
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    /** Whom the phones' audio level readings go to: nobody, until a test adds a handler. */
    private final LevelDemand demand = new LevelDemand();
    private final MediaEngine media = new MediaEngine();
    private final SipSoftphone caller = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "name", "caller",
            "media_source", "tone:440"), TestLogs.FACTORY, demand, media);
    private final int calleePort = FreePorts.udpAndTcp();
    private final SipSoftphone callee = new SipSoftphone(Configs.phone(calleePort, "name", "callee",
            "codecs", new String[] {"PCMA"}, "rtp_port_min", 17000, "rtp_port_max", 17998), TestLogs.FACTORY, demand, media);
    private final RecordingListener callerEvents = new RecordingListener();
    private final RecordingListener calleeEvents = new RecordingListener();

    @AfterEach
    void stopAll() {
        caller.stop();
        callee.stop();
        kamailio.close();
    }

    private void registerBoth() {
        caller.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
        callee.addLine(Configs.line("2002", Kamailio.password("2002"), kamailio.port, "transport", SipTransportKind.TCP));
        caller.start(callerEvents);
        callee.start(calleeEvents);
        callerEvents.await(CallManagerConnected.class);
        calleeEvents.await(CallManagerConnected.class);
    }

    @Test
    void aSipUriIsCalledAtItsOwnAddressWithoutTheCallServer() {
        registerBoth();
        kamailio.close();

        CallRef outgoing = caller.dial(1, "sip:2002@127.0.0.1:" + calleePort);
        IncomingCall ringing = calleeEvents.await(IncomingCall.class);
        assertEquals("2001", ringing.callerId());
        callee.answer(ringing.callRef());
        LineUpdate connected = callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
        assertEquals("sip:2002@127.0.0.1:" + calleePort, connected.otherParty());
        CallStatistics.await(caller, outgoing, CallStatistics::flowsBothWays);
        caller.hangUp(outgoing);
        calleeEvents.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
    }

    @Test
    void aSipUriNamingAHostOrBracketingAnIpv4AddressIsRefusedInASentenceBeforeTheLineGoesOffHook() {
        registerBoth();
        int before = callerEvents.size();
        for (String host : List.of("pbx.example", "[127.0.0.1]")) {
            String destination = "sip:2002@" + host;
            CommandException refused = assertThrows(CommandException.class, () -> caller.dial(1, destination));
            assertEquals(ErrorCode.ERROR_MAKE_CALL, refused.code());
            assertEquals("\"" + destination + "\" cannot be called: its host " + host + " is not an IPv4 address or an"
                    + " IPv6 address in brackets, and a SIP URI is called only at an IP address (a number goes through"
                    + " the line's call server).", refused.getMessage());
        }
        // The next call's events are the first since: the refusals took no line and reported nothing.
        CallRef next = caller.dial(1, "2002");
        calleeEvents.await(IncomingCall.class);
        List<VtgoEvent> since = callerEvents.events(before);
        assertTrue(!since.isEmpty() && since.stream().allMatch(event -> event instanceof LineUpdate update && next.equals(update.callRef())),
                () -> "events besides the next call's: " + since);
        caller.hangUp(next);
    }

    @Test
    void callAnsweredCarriesAudioBothWaysInTheCodecTheCalleeChose() {
        registerBoth();
        demand.addHandler(handler(null));

        CallRef outgoing = caller.dial(1, "2002");
        IncomingCall ringing = calleeEvents.await(IncomingCall.class);
        assertEquals("2001", ringing.callerId());
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.RING_OUT);
        callee.answer(ringing.callRef());
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);

        CallStatsUpdate callerStats = CallStatistics.await(caller, outgoing, CallStatistics::flowsBothWays);
        CallStatsUpdate calleeStats = CallStatistics.await(callee, ringing.callRef(), CallStatistics::flowsBothWays);
        assertEquals("G711a:20ms", callerStats.codec());
        assertEquals(calleeStats.thisStation().rtpPort(), callerStats.otherStation().rtpPort());
        // The caller's tone reads above silence where it is sent and where it is heard; the callee says nothing.
        callerEvents.awaitLevel(reading -> reading.callRef().equals(outgoing) && reading.sent() > -40);
        calleeEvents.awaitLevel(reading -> reading.callRef().equals(ringing.callRef()) && reading.received() > -40
                && reading.sent() == AudioLevel.FLOOR);

        caller.hangUp(outgoing);
        calleeEvents.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
        calleeEvents.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }

    @Test
    void softkeysDndRedialAnswerHoldResumeEndcall() {
        registerBoth();
        assertEquals("Do not disturb is on: calls ringing in are refused as busy.", callee.softkey(Softkey.DND, 1, CallRef.NONE));
        CallRef refused = caller.dial(1, "2002");
        callerEvents.await(PartyBusy.class, busy -> busy.callRef().equals(refused));
        caller.softkey(Softkey.ENDCALL, 1, CallRef.NONE);
        assertEquals("Do not disturb is off.", callee.softkey(Softkey.DND, 1, CallRef.NONE));

        caller.softkey(Softkey.REDIAL, 1, CallRef.NONE);
        calleeEvents.await(IncomingCall.class);
        callee.softkey(Softkey.ANSWER, 1, CallRef.NONE);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
        caller.softkey(Softkey.HOLD, 1, CallRef.NONE);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.HOLD);
        caller.softkey(Softkey.RESUME, 1, CallRef.NONE);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
        callee.softkey(Softkey.ENDCALL, 1, CallRef.NONE);

        callerEvents.await(PartyHangup.class, hangup -> !hangup.callRef().equals(refused));
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
    }

    /** A registered handler of the meter's topics, as SCR hands it to {@link LevelDemand}, with its event filter or none. */
    private static ServiceReference<?> handler(String eventFilter) {
        return (ServiceReference<?>) Proxy.newProxyInstance(PhoneToPhoneTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "getProperty" -> EventConstants.EVENT_FILTER.equals(args[0]) ? eventFilter : null;
                    default -> null;
                });
    }

    /**
     * A call measures its audio levels only while somebody takes its phone's readings (a handler of
     * the meter's topics is registered, for every phone or with an event filter naming this one), and
     * starts and stops as such handlers come and go, in the middle of a call.
     */
    @Test
    void audioLevelsAreReadOnlyWhileAHandlerTakesThePhonesReadings() {
        registerBoth();
        CallRef outgoing = caller.dial(1, "2002");
        CallRef incoming = calleeEvents.await(IncomingCall.class).callRef();
        callee.answer(incoming);
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);

        // Nobody takes them: two seconds of audio each way (ten readings' worth), and not one reading.
        CallStatistics.await(caller, outgoing, CallStatistics::flowsBothWays);
        CallStatistics.awaitAnotherSecondReceived(caller, outgoing);
        CallStatistics.awaitAnotherSecondReceived(callee, incoming);
        assertEquals(0, callerEvents.levelCount(), "readings with nobody taking them");
        assertEquals(0, calleeEvents.levelCount(), "readings with nobody taking them");

        // A handler of the caller's readings comes: the caller's call starts measuring, the callee's does not.
        ServiceReference<?> callerOnly = handler("(vtgo.phone=caller)");
        demand.addHandler(callerOnly);
        callerEvents.awaitLevel(reading -> reading.callRef().equals(outgoing) && reading.sent() > -40);
        CallStatistics.awaitAnotherSecondReceived(callee, incoming);
        assertEquals(0, calleeEvents.levelCount(), "readings of a phone nobody asked for");

        // A handler of every phone's readings comes: the callee's call starts measuring too.
        ServiceReference<?> everyPhone = handler(null);
        demand.addHandler(everyPhone);
        calleeEvents.awaitLevel(reading -> reading.callRef().equals(incoming) && reading.received() > -40);

        // They go: once what was measured meanwhile is reported, no reading more.
        demand.removeHandler(everyPhone);
        demand.removeHandler(callerOnly);
        CallStatistics.awaitAnotherSecondReceived(caller, outgoing);
        int stopped = callerEvents.levelCount();
        CallStatistics.awaitAnotherSecondReceived(caller, outgoing);
        CallStatistics.awaitAnotherSecondReceived(caller, outgoing);
        assertEquals(stopped, callerEvents.levelCount(), "readings after the last handler went");

        // A second call made with nobody taking them measures nothing either.
        caller.hangUp(outgoing);
        calleeEvents.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
        CallRef again = caller.dial(1, "2002");
        callee.answer(calleeEvents.await(IncomingCall.class).callRef());
        callerEvents.await(LineUpdate.class, update -> update.state() == LineState.CONNECTED);
        CallStatistics.await(caller, again, CallStatistics::flowsBothWays);
        CallStatistics.awaitAnotherSecondReceived(caller, again);
        assertEquals(stopped, callerEvents.levelCount(), "readings of a call made with nobody taking them");
    }
}
