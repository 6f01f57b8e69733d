package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.api.command.Command;
import io.vtgoconnect.api.command.Invocation;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.IncomingCall;
import io.vtgoconnect.api.event.PartyHangup;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.registrar.BindingStore;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.ComponentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cm commands answer as an operator reads them, against the embedded server with our phones registered. */
class ServerCommandsTest {
    private final EmbeddedServer server;
    private final ServerCommands commands;

    ServerCommandsTest() throws Exception {
        server = new EmbeddedServer();
        commands = new ServerCommands(server.server, server.endpoints);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void endpointsListsNumbersAndBehaviours() {
        assertEquals("""
                2004  ANSWER, answers after 100 ms
                2005  BUSY
                2006  NEVER
                2007  ECHO, answers after 100 ms
                2008  TONE 440 Hz, answers after 100 ms""", commands.endpoints());
    }

    @Test
    void statusShowsRegistrationsAndTheLegsOfACall() {
        assertEquals("Registrations: none\nCalls: none", commands.status());
        try (RegisteredPhone a = server.phone("2001"); RegisteredPhone b = server.phone("2002")) {
            CallRef[] call = a.callAndAnswer(b);
            b.await(call[1], LineState.CONNECTED);
            String status = commands.status();

            Pattern registration = Pattern.compile("^  (200[12]) -> sip:\\1@127\\.0\\.0\\.1:\\d+\\S* \\((\\d+) s left\\)$",
                    Pattern.MULTILINE);
            Matcher registrations = registration.matcher(status);
            for (String number : new String[] {"2001", "2002"}) {
                assertTrue(registrations.find(), status);
                assertEquals(number, registrations.group(1), status);
                int secondsLeft = Integer.parseInt(registrations.group(2));
                assertTrue(secondsLeft > 0 && secondsLeft <= 3600, status);
            }
            assertTrue(status.contains("\nCalls:\n  call 1: 2001 (caller, connected), 2002 (callee, connected)"), status);
            // The phones' audio crosses the server, both ways.
            awaitStatus(now -> rtpPacketsSent(now) >= 100);

            a.phone.hold(call[0]);
            a.await(call[0], LineState.HOLD);
            assertTrue(commands.status().contains("call 1: 2001 (caller, holding), 2002 (callee, connected)"),
                    commands.status());
        }
        awaitStatus(now -> now.contains("\nCalls: none"));
        long sent = rtpPacketsSent(commands.status());
        assertTrue(sent >= 100, "the count outlives the call: " + sent);
    }

    /** The count of the status's media line. */
    private static long rtpPacketsSent(String status) {
        Matcher media = Pattern.compile("\nMedia: (\\d+) RTP packets sent(\n|$)").matcher(status);
        return media.find() ? Long.parseLong(media.group(1)) : 0;
    }

    @Test
    void anEndpointCallsAPhoneAndHangsUpWhenTold() {
        try (RegisteredPhone a = server.phone("2001")) {
            assertEquals("2008 is calling 2001.", commands.call("2008", "2001"));
            IncomingCall ringing = a.events.await(IncomingCall.class);
            assertEquals("2008", ringing.callerId());
            a.phone.answer(ringing.callRef());
            // The phone is connected once it sent its 200; the server's legs follow as the 200 reaches them.
            awaitStatus(status -> status.contains("\n  call 1: 2008 (caller, connected), 2001 (callee, connected)")
                    && status.contains("\n  endpoint 2008: 2001 (callee, connected)"));

            assertEquals("2008 hung up 1 call.", commands.hangup("2008"));
            a.events.await(PartyHangup.class, hangup -> hangup.callRef().equals(ringing.callRef()));
            assertEquals("2008 has no call.", commands.hangup("2008"));
        }
    }

    /** Asks for the status until it is as expected, for at most 10 s. */
    private void awaitStatus(Predicate<String> expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String status = commands.status();
        while (!expected.test(status) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            status = commands.status();
        }
        assertTrue(expected.test(status), status);
    }

    @Test
    void anEndpointThatNeverAnswersAnswersWhenTold() {
        try (RegisteredPhone a = server.phone("2001")) {
            assertEquals("No call is ringing at 2006.", commands.answer("2006"));
            CallRef call = a.phone.dial(1, "2006");
            a.await(call, LineState.RING_OUT);
            assertTrue(commands.status().contains("\n  endpoint 2006: 2001 (caller, calling)"), commands.status());

            assertEquals("2006 answered.", commands.answer("2006"));
            a.await(call, LineState.CONNECTED);
            assertEquals("No call is ringing at 2006.", commands.answer("2006"));
            a.phone.hangUp(call);
            a.await(LineState.IDLE);
        }
    }

    @Test
    void badInputGetsOnePlainSentence() {
        assertEquals("2001 is not a test endpoint; cm:endpoints lists them.", commands.call("2001", "2004"));
        assertEquals("9999 is not a test endpoint; cm:endpoints lists them.", commands.answer("9999"));
        assertEquals("9999 is not a test endpoint; cm:endpoints lists them.", commands.hangup("9999"));
        assertEquals("cm:call needs the calling test endpoint and the number to call: cm:call 2004 2001.",
                commands.call("2004", ""));
        assertEquals("\"20 01\" is not a number to call: digits, letters and * # + . - _ only.", commands.call("2004", "20 01"));
    }

    @Test
    void aServerThatCannotStartFailsItsActivationAndSaysWhyInOneLogLine() {
        TestLogs logs = new TestLogs();
        ServerSettings wrong = ConfigAnnotations.of(ServerSettings.class, Map.of("sip_port", FreePorts.udpAndTcp(),
                "digest_algorithms", new String[] {"SHA-1"}));
        ComponentException failure = assertThrows(ComponentException.class,
                () -> CallServerStart.open(wrong, new Directory(), logs.factory(), BindingStore.NONE));
        String why = "The call server is not running: a setting is wrong: Digest algorithm \"SHA-1\" is neither SHA-256 nor MD5.";
        assertEquals(why, failure.getMessage());
        assertEquals(List.of("ERROR " + why), logs.lines());
        assertEquals("The call server is not running; the log says why.", new ServerCommands().status());
        assertEquals("The call server's test endpoints are not running; the log says why.", new ServerCommands().call("2004", "2001"));
    }

    @Test
    void aServerWhosePortIsTakenFailsItsActivation() {
        TestLogs logs = new TestLogs();
        ServerSettings clash = ConfigAnnotations.of(ServerSettings.class, Map.of("sip_port", server.sipPort));
        ComponentException failure = assertThrows(ComponentException.class,
                () -> CallServerStart.open(clash, new Directory(), logs.factory(), BindingStore.NONE));
        assertTrue(failure.getMessage().startsWith("The call server is not running: cannot listen on 127.0.0.1 (SIP "
                + server.sipPort), failure.getMessage());
        assertEquals(1, logs.lines().size(), logs.lines().toString());
    }

    @Test
    void theRegistryRunsTheCommandsInScopeCmAndAnswersMissingArguments() {
        assertEquals(List.of("cm:call [the calling test endpoint, e.g. 2004] [the number it calls, e.g. 2001]",
                "cm:answer [the test endpoint, e.g. 2006]", "cm:hangup [the test endpoint, e.g. 2004]", "cm:status",
                "cm:endpoints"), commands.commands().stream().map(command -> command.spec().usage()).toList());
        assertEquals("cm:call needs the calling test endpoint and the number to call: cm:call 2004 2001.", run("call", "2004"));
        assertEquals("cm:call needs the calling test endpoint and the number to call: cm:call 2004 2001.", run("call"));
        assertEquals("cm:answer needs the test endpoint that answers: cm:answer 2006.", run("answer"));
        assertEquals("cm:hangup needs the test endpoint that hangs up: cm:hangup 2004.", run("hangup"));
        assertEquals("2005 has no call.", run("hangup", "2005"));
        assertEquals("Registrations: none\nCalls: none", run("status"));
        assertTrue(run("endpoints").startsWith("2004  ANSWER"));
    }

    private String run(String name, String... arguments) {
        Command command = commands.commands().stream().filter(candidate -> candidate.spec().name().equals(name))
                .findFirst().orElseThrow();
        command.spec().checkArgumentCount(arguments.length);
        return String.join("\n", command.action().run(new Invocation(null, List.of(arguments))).output());
    }
}
