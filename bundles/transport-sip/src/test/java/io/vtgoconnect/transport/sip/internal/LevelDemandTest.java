package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.EventConstants;

/**
 * A call measures its audio levels only while somebody takes its phone's readings (a handler of the
 * meter's topics is registered, for every phone or with an event filter naming this one), and starts
 * and stops as such handlers come and go, in the middle of a call.
 */
class LevelDemandTest {
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final LevelDemand demand = new LevelDemand();
    private final SipSoftphone caller = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "name", "caller",
            "media_source", "tone:440"), TestLogs.FACTORY, demand);
    private final SipSoftphone callee = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "name", "callee",
            "media_source", "tone:440", "rtp_port_min", 17000, "rtp_port_max", 17998), TestLogs.FACTORY, demand);
    private final RecordingListener callerEvents = new RecordingListener();
    private final RecordingListener calleeEvents = new RecordingListener();

    @AfterEach
    void stopAll() {
        caller.stop();
        callee.stop();
        kamailio.close();
    }

    /** A registered handler of the meter's topics, as SCR hands it to {@link LevelDemand}, with its event filter or none. */
    private static ServiceReference<?> handler(String eventFilter) {
        return (ServiceReference<?>) Proxy.newProxyInstance(LevelDemandTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "getProperty" -> EventConstants.EVENT_FILTER.equals(args[0]) ? eventFilter : null;
                    default -> null;
                });
    }

    @Test
    void readingsComeOnlyWhileAHandlerTakesThem() {
        caller.addLine(Configs.line("2001", Kamailio.password("2001"), kamailio.port));
        callee.addLine(Configs.line("2002", Kamailio.password("2002"), kamailio.port));
        caller.start(callerEvents);
        callee.start(calleeEvents);
        callerEvents.await(CallManagerConnected.class);
        calleeEvents.await(CallManagerConnected.class);
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
        callerEvents.awaitLevel(reading -> reading.callRef().equals(outgoing) && reading.sent() > -40 && reading.received() > -40);
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
