package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.vtgoconnect.api.command.Commands;
import io.vtgoconnect.api.command.Phone;
import io.vtgoconnect.api.control.CallControl;
import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.EventTopics;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.shell.ShellSession;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The runtime's bundles on Felix, driven as a user drives them: commands typed into a Gogo session
 * set up as the console sets up its own, and events seen by an EventAdmin handler.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VtgoRuntimeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;
    private static final List<String> RUNTIME_BUNDLES = List.of("io.vtgoconnect.api", "io.vtgoconnect.core",
            "io.vtgoconnect.shell", "org.apache.felix.scr", "org.apache.felix.gogo.runtime",
            "org.apache.felix.gogo.command", "org.apache.felix.eventadmin", "org.apache.felix.configadmin");
    /** The manual's commands, as the manual writes them. */
    private static final List<String> MANUAL_COMMANDS = List.of("RunProgram", "ShowProgram", "HideProgram",
            "ExitProgram", "Snapshot", "OffHook", "OnHook", "MakeCall", "Answer", "EndCall", "Hold", "Resume", "DTMF",
            "Softkey", "Messages", "Transfer", "TransferInitiate", "TransferCommit", "TransferCancel",
            "ConferenceInitiate", "ConferenceCommit", "ConferenceCancel", "SpkrVolumeUp", "SpkrVolumeDown",
            "MicVolumeUp", "MicVolumeDown", "Mute", "CallStats", "Help");
    /** The arguments a command cannot do without, so that it gets past Gogo to its own answer. */
    private static final Map<String, String> NEEDED_ARGUMENTS = Map.of("MakeCall", "2004", "DTMF", "2004",
            "Softkey", "newcall", "Transfer", "2004", "TransferInitiate", "2004", "ConferenceInitiate", "2004");
    private static final String NOT_RUNNING = "Error : ERROR_PHONE_NOT_RUNNING(2) - ";

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    private RecordedSession session;

    @Configuration
    public Option[] configuration() {
        return RuntimeBundles.with();
    }

    @Before
    public void openSession() {
        session = new RecordedSession(processor);
    }

    @After
    public void closeSession() {
        session.close();
    }

    @Test
    public void runtimeBundlesAreActiveAndTheirServicesRegistered() throws Exception {
        Set<String> active = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName)
                .collect(Collectors.toSet());
        assertTrue("Active: " + active, active.containsAll(RUNTIME_BUNDLES));
        assertNotNull(context.getServiceReference(Commands.class));

        Set<String> functions = new HashSet<>();
        for (ServiceReference<?> commands : context.getServiceReferences((String) null,
                "(" + CommandProcessor.COMMAND_SCOPE + "=" + ShellSession.SCOPE + ")")) {
            Object names = commands.getProperty(CommandProcessor.COMMAND_FUNCTION);
            functions.addAll(names instanceof String[] array ? List.of(array) : List.of(names.toString()));
        }
        assertTrue("Registered: " + functions, functions.containsAll(MANUAL_COMMANDS));
    }

    @Test
    public void everyManualCommandAnswersInAnyLetterCase() throws Exception {
        for (String command : MANUAL_COMMANDS) {
            String arguments = NEEDED_ARGUMENTS.getOrDefault(command, "");
            for (String name : List.of(command, command.toLowerCase(Locale.ROOT), command.toUpperCase(Locale.ROOT))) {
                String line = (name + " " + arguments).strip();
                String answer = session.run(line);
                assertTrue(line + " answered: " + answer, answer.startsWith(answerWhileStopped(command)));
            }
        }
    }

    /** What a command answers while no softphone is installed, so none runs. */
    private static String answerWhileStopped(String command) {
        return switch (command) {
            case "RunProgram" -> "Error : ERROR_PHONE_NOT_FOUND(8) - ";
            // The vtgo help, not Gogo's: the session's scope puts vtgo first.
            case "Help" -> "Commands (type help <command> for its detail):";
            default -> NOT_RUNNING;
        };
    }

    @Test
    public void helpFollowsABundleThatAddsACommand() throws Exception {
        String help = session.run("help");
        assertTrue(help, lists(help, "MakeCall") && !lists(help, PingCommand.NAME));

        Bundle ping = context.installBundle("itest:ping", pingBundle());
        try {
            ping.start();
            help = runUntil("help", output -> lists(output, PingCommand.NAME));
            assertTrue(help, lists(help, PingCommand.NAME));
            assertEquals(List.of(PingCommand.NAME, "  " + PingCommand.DESCRIPTION), session.run("help ping").lines().toList());
            assertEquals("pong", session.run("PING").strip());
        } finally {
            ping.uninstall();
        }
        help = runUntil("help", output -> !lists(output, PingCommand.NAME));
        assertFalse(help, lists(help, PingCommand.NAME));

        int start = session.printedLength();
        assertThrows(CommandNotFoundException.class, () -> session.execute("ping"));
        String answer = session.printedSince(start);
        assertTrue(answer, answer.startsWith("Error : ERROR_INVALID_COMMAND(3) - \"ping\" is not a command; "));
    }

    @Test
    public void theIpccCommandsComeAndGoWithTheirBundle() throws Exception {
        List<String> ipccCommands = List.of("IPCCLogin", "IPCCLogout", "IPCCState");
        String help = session.run("help");
        assertTrue(help, ipccCommands.stream().noneMatch(command -> lists(help, command)));
        int start = session.printedLength();
        assertThrows(CommandNotFoundException.class, () -> session.execute("ipcclogin agent21 secret 2001"));
        assertTrue(session.printedSince(start), session.printedSince(start).startsWith("Error : ERROR_INVALID_COMMAND(3) - "));

        Bundle ipcc = context.installBundle(new File(System.getProperty("vtgo.bundle.ipcc")).toURI().toString());
        try {
            ipcc.start();
            String withIpcc = runUntil("help", output -> ipccCommands.stream().allMatch(command -> lists(output, command)));
            assertTrue(withIpcc, ipccCommands.stream().allMatch(command -> lists(withIpcc, command)));
            assertTrue(session.run("help ipcclogin").startsWith("IPCCLogin agentID password extension\n"));
            session.run("IPCCState");
            String answer = session.run("waitfor \"IPCC agent state 2 (Logged Out)\" 5");
            assertFalse(answer, answer.contains("Timeout :"));
        } finally {
            ipcc.uninstall();
        }
        String without = runUntil("help", output -> ipccCommands.stream().noneMatch(command -> lists(output, command)));
        assertTrue(without, ipccCommands.stream().noneMatch(command -> lists(without, command)));
    }

    /** Whether the output of help has a line for the command: its usage, then its summary. */
    private static boolean lists(String help, String command) {
        return help.lines().anyMatch(line -> line.strip().startsWith(command + " "));
    }

    /** A jar of PingCommand alone, with a manifest that makes it a bundle and PingCommand its activator. */
    private static InputStream pingBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes headers = manifest.getMainAttributes();
        headers.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        headers.putValue(Constants.BUNDLE_SYMBOLICNAME, "io.vtgoconnect.itest.ping");
        headers.putValue(Constants.BUNDLE_ACTIVATOR, PingCommand.class.getName());
        headers.putValue(Constants.IMPORT_PACKAGE, "org.apache.felix.service.command, org.osgi.framework");
        String classFile = PingCommand.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream entries = new JarOutputStream(jar, manifest);
                InputStream bytes = PingCommand.class.getClassLoader().getResourceAsStream(classFile)) {
            entries.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(entries);
        }
        return new ByteArrayInputStream(jar.toByteArray());
    }

    @Test
    public void softphoneEventsReachEventAdminAndTheSession() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add,
                FrameworkUtil.asDictionary(Map.of(EventConstants.EVENT_TOPIC, EventTopics.ALL)));
        ServiceRegistration<SoftphoneTransport> softphone =
                context.registerService(SoftphoneTransport.class, TestSoftphone.create(), null);
        try {
            String answer = session.run("runprogram");
            assertFalse(answer, answer.contains("Error :"));
            assertEquals("Event : Connected to softphone", text(next(events, SoftphoneConnected.TOPIC)));
            assertEquals("Event : Connected to CallManager", text(next(events, CallManagerConnected.TOPIC)));

            // The event lines come while waitfor waits, so they may be part of what it printed.
            answer = session.run("waitfor \"Connected to CallManager\" 5");
            assertFalse(answer, answer.contains("Timeout :"));
            List<String> printed = session.printed().lines().toList();
            assertTrue(printed.toString(), printed.containsAll(
                    List.of("Event : Connected to softphone", "Event : Connected to CallManager")));
            answer = session.run("waitfor nothing 0.2");
            assertTrue(answer, answer.startsWith("Timeout : "));

            session.run("exitprogram");
            assertEquals("Event : Disconnected from softphone", text(next(events, SoftphoneDisconnected.TOPIC)));
            answer = session.run("waitfor \"Disconnected from softphone\" 5");
            assertFalse(answer, answer.contains("Timeout :"));
            answer = session.run("makecall 2004");
            assertTrue(answer, answer.startsWith(NOT_RUNNING));
        } finally {
            softphone.unregister();
            handler.unregister();
        }
    }

    @Test
    public void aPhoneWhoseCallControlIsWithdrawnIsNoLongerListed() throws Exception {
        Commands commands = context.getService(context.getServiceReference(Commands.class));
        ServiceRegistration<SoftphoneTransport> softphone = context.registerService(SoftphoneTransport.class,
                TestSoftphone.create(), FrameworkUtil.asDictionary(Map.of(CallControl.PHONE, "desk")));
        // What RemovePhone and RemoveFarm wait for before they answer: the phone's call control withdrawn.
        AtomicReference<String> listedAsItWent = new AtomicReference<>();
        ServiceListener withdrawn = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                listedAsItWent.set(commands.phone("desk").map(Phone::name).orElse("none"));
            }
        };
        context.addServiceListener(withdrawn, "(&(" + Constants.OBJECTCLASS + "=" + CallControl.class.getName() + ")("
                + CallControl.PHONE + "=desk))");
        try {
            Leftovers.await("the phone desk listed", () -> commands.phone("desk").isPresent());
            softphone.unregister();
            Leftovers.await("the phone's call control withdrawn", () -> listedAsItWent.get() != null);
            assertEquals("none", listedAsItWent.get());
        } finally {
            context.removeServiceListener(withdrawn);
        }
    }

    /** The next event of the topic, passing over events of other topics. */
    private static Event next(BlockingQueue<Event> events, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Event event;
        while ((event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (event.getTopic().equals(topic)) {
                return event;
            }
        }
        throw new AssertionError("No event " + topic + " within " + WAIT.toSeconds() + " s");
    }

    private static Object text(Event event) {
        return event.getProperty(EventProperties.TEXT);
    }


    /**
     * Runs a line again until what it prints passes the check, for at most WAIT; returns the last
     * output. Help has no event to wait for, so this polls it.
     */
    private String runUntil(String commandLine, Predicate<String> check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String output = session.run(commandLine);
        while (!check.test(output) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            output = session.run(commandLine);
        }
        return output;
    }

}
