package io.vtgoconnect.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Calls through the embedded server, on the framework this run was given (Felix, and Equinox in
 * the itest module's second test run): the core, shell, phone and call server bundles resolve and
 * a call from the SIP phone to endpoint 2004 connects, with every part configured through
 * ConfigAdmin; the example event handler (examples/cdr-log), installed into the running framework
 * as a user drops it in, writes one JSON line for a call. Each test has a framework of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EmbeddedCallTest extends InFrameworkTest {
    /** The framework's system bundle this run must be on: org.apache.felix.framework or org.eclipse.osgi. */
    private static final String FRAMEWORK = System.getProperty("vtgo.framework", "org.apache.felix.framework");
    private static final Set<String> OURS = Set.of("io.vtgoconnect.api", "io.vtgoconnect.core", "io.vtgoconnect.shell",
            "io.vtgoconnect.media", "io.vtgoconnect.transport-sip", "io.vtgoconnect.callmanager");
    private static final Pattern CONNECTED = Pattern.compile("Event : LineUpdate, Line=1\\(2001\\), Button=1, "
            + "State=5\\(TsConnected\\), CallRef=(\\d+), Direction=outgoing, OtherParty=2004");
    private static final long POLL_MILLIS = 20;

    @Configuration
    public Option[] configuration() {
        return PhoneAndServer.bundles();
    }

    @Test
    public void theBundlesRunOnTheFrameworkAndAPhoneCallsThroughTheEmbeddedServer() throws Exception {
        assertEquals(FRAMEWORK, context.getBundle(0).getSymbolicName());
        PhoneAndServer.configure(context, framework);
        Set<String> active = Arrays.stream(context.getBundles()).filter(bundle -> bundle.getState() == Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).collect(Collectors.toSet());
        assertTrue("Active: " + active, active.containsAll(OURS));

        framework.run("runprogram");
        framework.awaitOutput("Connected to CallManager");
        framework.run("makecall 2004");
        framework.awaitOutput("TsConnected");
        assertTrue(framework.session.printed(), CONNECTED.matcher(framework.session.printed()).find());
        framework.run("endcall");
        framework.awaitOutput("TsIdle");
        framework.run("exitprogram");
        framework.awaitOutput("Disconnected from softphone");
    }

    @Test
    public void theHandlerDroppedInWritesOneRecordForACall() throws Exception {
        Path records = Files.createTempDirectory("cdr").resolve("call-records.jsonl");
        try {
            PhoneAndServer.configure(context, framework);
            framework.configure("io.vtgoconnect.example.cdrlog", Map.of("file", records.toString()));
            Bundle plugIn = context.installBundle(new File(System.getProperty("vtgo.bundle.cdr-log")).toURI().toString());
            try {
                plugIn.start();
                PhoneAndServer.awaitService(context, "(&(objectClass=org.osgi.service.event.EventHandler)"
                        + "(component.name=io.vtgoconnect.example.cdrlog.CdrLog)(file=" + records + "))");

                framework.run("runprogram");
                framework.awaitOutput("Connected to CallManager");
                framework.run("makecall 2004");
                framework.awaitOutput("TsConnected");
                framework.run("endcall");
                framework.awaitOutput("TsIdle");
                Matcher connected = CONNECTED.matcher(framework.session.printed());
                assertTrue(framework.session.printed(), connected.find());

                List<String> lines = awaitLines(records);
                assertEquals(lines.toString(), 1, lines.size());
                assertTrue(lines.get(0), lines.get(0).startsWith("{\"callRef\":\"" + connected.group(1) + "\",\"line\":\"2001\","
                        + "\"direction\":\"outgoing\",\"otherParty\":\"2004\",\"outcome\":\"answered\",\"start\":\""));
                assertTrue(lines.get(0), lines.get(0).contains("\"answered\":\"") && lines.get(0).contains("\"talkSeconds\":"));
                framework.run("exitprogram");
            } finally {
                plugIn.uninstall();
            }
        } finally {
            Files.deleteIfExists(records);
            Files.delete(records.getParent());
        }
    }

    /** The file's lines once it has any: the handler writes them on EventAdmin's thread. */
    private static List<String> awaitLines(Path file) throws Exception {
        long deadline = System.nanoTime() + Leftovers.WAIT.toNanos();
        while (!Files.exists(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Nothing in " + file + " within " + Leftovers.WAIT.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Files.readAllLines(file);
    }
}
