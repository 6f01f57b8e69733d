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

/**
 * A call measures its audio levels only while somebody takes the readings (a handler of the meter's
 * topics is registered), and starts and stops as such handlers come and go, in the middle of a call.
 */
class LevelDemandTest {
    private final Kamailio kamailio = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
    private final LevelDemand demand = new LevelDemand();
    private final SipSoftphone caller = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "media_source", "tone:440"),
            TestLogs.FACTORY, demand);
    private final SipSoftphone callee = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(),
            "rtp_port_min", 17000, "rtp_port_max", 17998), TestLogs.FACTORY, demand);
    private final RecordingListener callerEvents = new RecordingListener();
    private final RecordingListener calleeEvents = new RecordingListener();

    @AfterEach
    void stopAll() {
        caller.stop();
        callee.stop();
        kamailio.close();
    }

    /** A registered handler of the meter's topics, as SCR hands it to {@link LevelDemand}. */
    private static ServiceReference<?> handler() {
        return (ServiceReference<?>) Proxy.newProxyInstance(LevelDemandTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
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

        // A handler comes: the call in progress starts measuring; the tone is read where it is sent and heard.
        ServiceReference<?> handler = handler();
        demand.addHandler(handler);
        callerEvents.awaitLevel(reading -> reading.callRef().equals(outgoing) && reading.sent() > -40);
        calleeEvents.awaitLevel(reading -> reading.callRef().equals(incoming) && reading.received() > -40);

        // It goes: once what was measured meanwhile is reported, no reading more.
        demand.removeHandler(handler);
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
