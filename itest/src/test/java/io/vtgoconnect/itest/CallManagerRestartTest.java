package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The embedded call server restarted and removed while it carries a call, and brought back: our
 * phone's two lines (2001 and 2002) call each other through it; a restart keeps the registrations,
 * so the phone is rung without registering again; stopping its bundle hangs up both sides and
 * leaves no thread and no bound port; started again, the phone registers and calls through it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallManagerRestartTest extends InFrameworkTest {
    private static final String SERVER_BUNDLE = "io.vtgoconnect.callmanager";
    private static final String SERVER_PID = "io.vtgoconnect.callmanager";
    private static final String SERVER_LINE_FACTORY_PID = "io.vtgoconnect.callmanager.line";
    private static final String PHONE_PID = "io.vtgoconnect.transport.sip.phone";
    private static final String PHONE_LINE_FACTORY_PID = "io.vtgoconnect.transport.sip.line";
    /** Two RTP sessions (RTP and RTCP each) per call, on each side. */
    private static final int RTP_PORTS = 8;
    /** Threads only the server runs: its worker and the ACD's push channel (its HTTP is the HTTP Whiteboard's). */
    private static final List<String> SERVER_THREAD_NAMES = List.of("vtgo-callmanager", "vtgo-acd-push");
    /** Threads of SIP and media, the server's or the phone's. */
    private static final List<String> SIP_THREAD_NAMES = List.of("vtgo-callmanager", "vtgo-sip-phone", "vtgo-media-",
            "EventScannerThread", "UDPMessageChannelThread", "UDPMessageProcessorThread", "TCPMessageProcessorThread",
            "TCPMessageChannelThread", "MessageProcessorThread", "SipStackTimer", "DefaultTimer", "vtgo-acd-push");
    private static final List<String> SIP_PACKAGES = List.of("gov.nist.", "javax.sip.", "javax.sdp.", "io.vtgoconnect.sipstack.",
            "io.vtgoconnect.callmanager.", "io.vtgoconnect.transport.sip.", "io.vtgoconnect.media.");
    private static final Pattern INCOMING = Pattern.compile("IncomingCall, CallRef=(\\d+), Line=2");
    private static final Pattern CONNECTED_OUT = Pattern.compile(
            "LineUpdate, Line=1\\(2001\\), Button=1, State=5\\(TsConnected\\), CallRef=(\\d+), Direction=outgoing, OtherParty=2002");

    @Configuration
    public Option[] configuration() {
        // The server is started by the test, once configured: started first, it would bind 5060.
        return OptionUtils.combine(RuntimeBundles.with("media", "transport-sip"),
                OptionUtils.combine(RuntimeBundles.http(Leftovers.freeLoopbackPorts().nextInt(), 10_000),
                        RuntimeBundles.reactorBundle("callmanager").start(false)));
    }

    @Test
    public void stoppingTheServerEndsItsCallsAndLeavesNothingAndItComesBack() throws Exception {
        Bundle server = framework.installed(SERVER_BUNDLE);
        int serverSip = Leftovers.freeLoopbackPort();
        int serverRtp = Leftovers.freeRtpRange(RTP_PORTS);
        configureServer(serverSip, serverRtp);
        server.start();
        int phoneSip = Leftovers.freeLoopbackPort();
        configurePhone(phoneSip, Leftovers.freeRtpRange(RTP_PORTS), serverSip);
        ConfiguredSoftphone.await(context, phoneSip, 2);

        framework.run("runprogram");
        framework.awaitOutput("Connected to CallManager");
        Leftovers.await("lines 2001 and 2002 registered", () -> registered(List.of("2001", "2002")));

        // Restarted under the registered phone, which does not register again (for an hour), the server
        // still has its bindings: a call to line 2 rings there at once.
        server.stop();
        server.start();
        PhoneAndServer.awaitService(context, "(&(objectClass=io.vtgoconnect.callmanager.internal.CallManager)(sip.port="
                + serverSip + "))");
        assertTrue(framework.session.run("cm:status").stripTrailing(), registered(List.of("2001", "2002")));
        String[] first = callLineTwo();
        framework.run("endcall " + first[0]);
        awaitPrinted("PartyHangup,  CallRef=" + first[1]);

        String[] call = callLineTwo();
        String status = framework.session.run("cm:status").stripTrailing();
        assertTrue(status, status.contains("Calls:\n  call 1: 2001 (caller, connected), 2002 (callee, connected)"));

        server.stop();
        awaitPrinted("PartyHangup,  CallRef=" + call[0]);
        awaitPrinted("PartyHangup,  CallRef=" + call[1]);
        List<Integer> udp = new ArrayList<>(List.of(serverSip));
        udp.addAll(Leftovers.range(serverRtp, RTP_PORTS));
        Leftovers.awaitFree(udp, List.of(serverSip));
        awaitNoThreads("of the server, with the phone running", SERVER_THREAD_NAMES, List.of("io.vtgoconnect.callmanager."),
                server);
        // With the phone stopped too, no SIP or media thread may be left: a JAIN-SIP or media thread of the server's would show.
        framework.run("exitprogram");
        framework.awaitOutput("Disconnected from softphone");
        awaitNoThreads("of SIP or media, with the server and the phone stopped", SIP_THREAD_NAMES, SIP_PACKAGES, server);

        server.start();
        framework.run("runprogram");
        framework.awaitOutput("Connected to CallManager");
        String[] again = callLineTwo();
        framework.run("endcall " + again[0]);
        awaitPrinted("PartyHangup,  CallRef=" + again[1]);
        framework.run("exitprogram");
        framework.awaitOutput("Disconnected from softphone");
    }

    /** Whether cm:status lists each of the lines as registered. */
    private boolean registered(List<String> lines) {
        try {
            String status = framework.session.run("cm:status").stripTrailing();
            return lines.stream().allMatch(line -> status.contains("\n  " + line + " -> sip:" + line + "@127.0.0.1"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Line 1 calls line 2 through the server, which answers. @return the call's reference on line 1, then on line 2 */
    private String[] callLineTwo() throws Exception {
        int mark = framework.session.printedLength();
        framework.run("makecall 2002");
        String incoming = awaitPrinted(INCOMING, mark);
        framework.run("answer " + incoming);
        return new String[] {awaitPrinted(CONNECTED_OUT, mark), incoming};
    }

    private void configureServer(int sipPort, int rtpMin) throws IOException {
        // A range this small is below the default reserve that refuses new calls (overload.rtp.pairs): a call takes two pairs.
        framework.configure(SERVER_PID, Map.of("sip.address", "127.0.0.1", "sip.port", sipPort,
                "rtp.port.min", rtpMin, "rtp.port.max", rtpMin + RTP_PORTS - 1, "overload.rtp.pairs", 2));
        for (String number : new String[] {"2001", "2002"}) {
            framework.configureFactory(SERVER_LINE_FACTORY_PID, Map.of("number", number, ".password", "secret-" + number));
        }
    }

    /** Lines 1 (2001) and 2 (2002) registered with the server; the phone on free loopback ports. */
    private void configurePhone(int sipPort, int rtpMin, int serverSip) throws IOException {
        framework.configure(PHONE_PID, Map.of("sip.address", "127.0.0.1", "sip.port", sipPort, "rtp.port.min", rtpMin,
                "rtp.port.max", rtpMin + RTP_PORTS - 1));
        for (int position = 1; position <= 2; position++) {
            String number = "200" + position;
            framework.configureFactory(PHONE_LINE_FACTORY_PID, Map.of("number", number, "position", position,
                    "registrar", "127.0.0.1:" + serverSip, "password.file", framework.passwordFile("secret-" + number)));
        }
    }

    /** Waits until the session printed the text, in whatever order with other lines. */
    private void awaitPrinted(String text) throws InterruptedException {
        awaitPrinted("\"" + text + "\"", () -> framework.session.printed().contains(text));
    }

    /** Waits until the session printed a line the pattern finds, after the mark. @return its first group */
    private String awaitPrinted(Pattern pattern, int mark) throws InterruptedException {
        awaitPrinted(pattern.toString(), () -> pattern.matcher(framework.session.printedSince(mark)).find());
        Matcher found = pattern.matcher(framework.session.printedSince(mark));
        found.find();
        return found.group(1);
    }

    private void awaitPrinted(String what, BooleanSupplier printed) throws InterruptedException {
        try {
            Leftovers.await(what + " printed", printed);
        } catch (AssertionError notPrinted) {
            throw new AssertionError(notPrinted.getMessage() + "; all output:\n" + framework.session.printed(), notPrinted);
        }
    }

    private static void awaitNoThreads(String what, List<String> names, List<String> packages, Bundle... bundles)
            throws InterruptedException {
        long deadline = System.nanoTime() + Leftovers.WAIT.toNanos();
        List<Thread> left = Leftovers.threadsOf(Leftovers.liveThreads(), names, packages, bundles);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = Leftovers.threadsOf(Leftovers.liveThreads(), names, packages, bundles);
        }
        assertEquals("Threads " + what + ":\n" + Leftovers.describe(left), List.of(), left);
    }
}
