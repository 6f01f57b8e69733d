package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.CallManagerDisconnected;
import io.vtgoconnect.api.event.EventFormatter;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.LineUpdate;
import io.vtgoconnect.testing.peers.Dnsmasq;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A line whose registrar is a host name: the phone asks dnsmasq on loopback (its only DNS server)
 * for the SRV records of pbx.test, which name two Kamailio registrars, registers with the first,
 * and registers with the second when the first dies.
 */
class CallServerDnsTest {
    private Kamailio first;
    private Kamailio second;
    private Dnsmasq dns;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void startServers() {
        first = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
        second = new Kamailio(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), "MD5");
        dns = new Dnsmasq(60, "test", List.of(
                "srv-host=_sip._udp.pbx.test,sip1.pbx.test," + first.port + ",10,0",
                "srv-host=_sip._udp.pbx.test,sip2.pbx.test," + second.port + ",20,0",
                "host-record=sip1.pbx.test,127.0.0.1",
                "host-record=sip2.pbx.test,127.0.0.1"));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : running) {
            closeable.close();
        }
        first.close();
        second.close();
        dns.close();
    }

    private SipSoftphone phoneOf(String number, String registrar, RecordingListener events) {
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "dns_servers",
                new String[] {"127.0.0.1:" + dns.address().getPort()}, "dns_timeout", 1000), TestLogs.FACTORY);
        phone.addLine(Configs.line(number, Kamailio.password(number), registrar, "keepalive_interval", 2));
        running.add(phone::stop);
        phone.start(events);
        return phone;
    }

    @Test
    void thePhoneRegistersWithTheFirstSrvTargetAndWithTheNextWhenItDies() {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = phoneOf("2001", "pbx.test", events);
        events.await(CallManagerConnected.class);
        assertEquals(1, dns.queries("SRV", "_sip._udp.pbx.test"));
        assertEquals(0, dns.queries("A", "sip2.pbx.test"), "the backup is looked up only when the phone moves on to it");

        first.stop();
        CallManagerDisconnected lost = events.await(CallManagerDisconnected.class);
        assertEquals("line 2001: keep-alive failed: no answer from pbx.test (127.0.0.1:" + first.port + ") within 1000 ms",
                lost.reason());
        // The phone may move on to the backup before this thread reads on: the event awaited is the one after the loss.
        assertEquals("Event : Connected to CallManager", EventFormatter.format(events.await(CallManagerConnected.class)));

        // The second registrar knows the line now: a phone registered there by its address reaches it, and back.
        RegisteredPhone other = new RegisteredPhone("2002", second);
        running.add(other);
        CallRef toFirst = other.phone.dial(1, "2001");
        assertEquals("2002", events.await(IncomingCall.class).callerId());
        other.phone.hangUp(toFirst);
        other.await(LineState.IDLE);
        events.await(LineUpdate.class, update -> update.state() == LineState.IDLE);
        phone.dial(1, "2002");
        assertEquals("2001", other.events.await(IncomingCall.class).callerId());
    }

    @Test
    void aLookupThatDnsNeverAnswersHoldsUpNeitherAnotherLineNorACommand() throws Exception {
        RecordingListener events = new RecordingListener();
        SipSoftphone phone = new SipSoftphone(Configs.phone(FreePorts.udpAndTcp(), "dns_servers",
                new String[] {"127.0.0.1:" + dns.address().getPort()}, "dns_timeout", 2000), TestLogs.FACTORY);
        phone.addLine(Configs.line("2001", Kamailio.password("2001"), "pbx.test"));
        phone.addLine(Configs.line("2002", Kamailio.password("2002"), "127.0.0.1:" + first.port));
        running.add(phone::stop);
        phone.start(events);
        events.await(CallManagerConnected.class);
        RegisteredPhone callee = new RegisteredPhone("2003", first);
        running.add(callee);
        // DNS falls silent: a socket on its port that answers nothing, so that each query waits its timeout.
        InetSocketAddress dnsAddress = dns.address();
        dns.close();
        try (DatagramSocket silent = new DatagramSocket(dnsAddress)) {
            // Line 2001 moves to a name not looked up yet: once its query arrives, its lookup waits 2 tries of 2 s.
            phone.addLine(Configs.line("2001", Kamailio.password("2001"), "moved.test"));
            silent.setSoTimeout((int) RecordingListener.TIMEOUT.toMillis());
            silent.receive(new DatagramPacket(new byte[512], 512));

            long start = System.nanoTime();
            CallRef call = phone.dial(2, "2003");
            long dialMillis = (System.nanoTime() - start) / 1_000_000;
            IncomingCall ringing = callee.events.await(IncomingCall.class);

            assertEquals("2002", ringing.callerId());
            assertTrue(dialMillis < 1000, "the dial command took " + dialMillis + " ms");
            assertTrue(events.lines(0).stream().noneMatch(line -> line.contains("cannot be found")),
                    "the lookup was still waiting: " + events.lines(0));
            CallManagerDisconnected lost = events.await(CallManagerDisconnected.class,
                    disconnected -> disconnected.reason().contains("cannot be found"));
            assertTrue(lost.reason().startsWith("line 2001: its call server cannot be found: no DNS server answered"),
                    lost.reason());
            phone.hangUp(call);
        }
    }

    @Test
    void aRegistrarDnsDoesNotKnowIsRunProgramsErrorInOneSentence() {
        RecordingListener events = new RecordingListener();
        CommandException refused = assertThrows(CommandException.class, () -> phoneOf("2001", "nowhere.test", events));

        assertEquals(ErrorCode.ERROR_PHONE_NOT_FOUND, refused.code());
        assertEquals("The call server of line 2001 cannot be found: nowhere.test has no SIP server in DNS: "
                + "nowhere.test has no address record.", refused.getMessage());
    }

    @Test
    void aRegistrarThatIsAnIpLiteralIsNotLookedUp() {
        RecordingListener events = new RecordingListener();
        phoneOf("2001", "127.0.0.1:" + first.port, events);
        events.await(CallManagerConnected.class);

        assertEquals(0, dns.queries());
    }
}
