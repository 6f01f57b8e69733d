package io.vtgoconnect.runtime;

import static io.vtgoconnect.runtime.Terminal.lastLine;
import static io.vtgoconnect.runtime.Terminal.showsLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Kamailio;
import io.vtgoconnect.testing.peers.PeerProcess;
import io.vtgoconnect.testing.peers.Sipp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running runtime under attack on both SIP ports, the call server's and the phone's, as an
 * attacker on loopback would try it: the RFC 4475 torture messages, mutated messages, TCP streams
 * that lie about their length, floods of silent TCP connections, an offer that names a host. Both
 * ports must keep answering (over TCP too, amid the flood), memory
 * must stay within 1.5 x idle + 64 MB, nothing may print a stack trace, and the phone's password
 * must show nowhere. Prints its figures; {@code bench/reliability.sh} runs it longer
 * ({@code -Dreliability.messages=N}, {@code -Dreliability.soak.seconds=S}).
 */
class ReliabilityIT {
    private static final int MESSAGES = Integer.getInteger("reliability.messages", 2000);
    private static final int SOAK_SECONDS = Integer.getInteger("reliability.soak.seconds", 0);
    /** A line of a Java stack trace, or the JVM's report of a thread that died of one. */
    private static final Pattern TRACE = Pattern.compile("^\\s+at [\\w.$]+\\(.*\\)$|Exception in thread|^Caused by: ");

    @TempDir
    Path home;
    private Terminal terminal;
    private CallServer kamailio;
    private RuntimeEtc etc;
    private int phonePort;
    private String console;
    /** With the test's configuration folder, which sets no log folder, the runtime logs in its working folder. */
    private Path log;
    private final Map<String, Long> rssMegabytes = new LinkedHashMap<>();

    @BeforeEach
    void startTheRuntimeWithItsPhoneRegistered() throws Exception {
        kamailio = new CallServer(home);
        etc = RuntimeEtc.in(home).withServerDirectory();
        if (SOAK_SECONDS > 0) {
            // The soak's SIPp is no line of the directory: it reaches test endpoint 2004 once that is public.
            etc.write("io.vtgoconnect.callmanager.cfg", "sip.port=" + etc.sipPort, "public.numbers=2004");
        }
        phonePort = Files.readAllLines(etc.folder.resolve("io.vtgoconnect.transport.sip.phone.cfg")).stream()
                .filter(line -> line.startsWith("sip.port=")).mapToInt(line -> Integer.parseInt(line.substring(9)))
                .findFirst().orElseThrow();
        log = home.resolve("log/vtgoconnect.log");
        terminal = new Terminal(home);
        console = terminal.startConsole();
        terminal.awaitScreen(console, "the prompt", screen -> lastLine(screen).equals(">"));
        terminal.enter(console, "runprogram");
        terminal.awaitScreen(console, "the line registered", screen -> showsLine(screen, "Event : Connected to CallManager"));
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            terminal.close();
        } finally {
            kamailio.close();
        }
    }

    @Test
    void bothSipPortsStayUpBoundedAndQuietUnderGarbageLiesAndHostileOffers() throws Exception {
        ProcessHandle runtime = runtimeProcess();
        long idle = rss(runtime);
        rssMegabytes.put("idle", idle);
        List<String> figures = new ArrayList<>();
        long attacksStarted = System.nanoTime();
        Map<String, Integer> ports = Map.of("call server", etc.sipPort, "phone", phonePort);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            long started = System.nanoTime();
            Map<Integer, Integer> torture = SipBarrage.udp(SipBarrage.torture(), port.getValue());
            figures.add(port.getKey() + " torture (49): " + torture + " in " + millisSince(started) + " ms");
            measure("after torture to the " + port.getKey(), runtime);

            started = System.nanoTime();
            List<byte[]> seeds = new ArrayList<>(SipBarrage.torture());
            seeds.addAll(SipBarrage.wellFormed(port.getValue()));
            Map<Integer, Integer> mutated = SipBarrage.udp(SipBarrage.mutated(seeds, MESSAGES, port.getValue()), port.getValue());
            figures.add(port.getKey() + " mutated (" + MESSAGES + "): " + mutated + " in " + millisSince(started) + " ms");
            measure("after " + MESSAGES + " mutated messages to the " + port.getKey(), runtime);

            started = System.nanoTime();
            int refused = SipBarrage.lyingContentLength(port.getValue(), 10);
            figures.add(port.getKey() + " Content-Length 1 GB over TCP: " + refused + " of 10 connections answered 413 and"
                    + " closed in " + millisSince(started) + " ms");
            assertEquals(10, refused, "connections the " + port.getKey() + " answered 413 and closed");
            measure("after 10 lying TCP connections to the " + port.getKey(), runtime);

            SipBarrage.Flood flood = SipBarrage.silentTcp(port.getValue(), 500, 20_000);
            figures.add(port.getKey() + " 500 silent TCP connections: a TCP OPTIONS amid them answered \"" + flood.answer()
                    + "\" in " + flood.answerMillis() + " ms; " + flood.closed() + " closed by the port within "
                    + flood.closedMillis() + " ms");
            assertTrue(flood.answer().matches("SIP/2\\.0 [2-6]\\d\\d .*"), "the " + port.getKey()
                    + " answers amid 500 silent connections: " + flood.answer());
            assertEquals(500, flood.closed(), "silent connections the " + port.getKey() + " closed");
            measure("after 500 silent TCP connections to the " + port.getKey(), runtime);

            assertTrue(SipBarrage.finalStatus(SipBarrage.options(port.getValue()), port.getValue()) >= 200,
                    "the " + port.getKey() + " still answers OPTIONS");
        }
        int hostile = SipBarrage.finalStatus(inviteNamingAHost(), phonePort);
        figures.add("phone: INVITE with c=IN IP4 evil.example: " + hostile);
        assertEquals(488, hostile);
        if (SOAK_SECONDS > 0) {
            figures.add(soak());
            measure("after the soak", runtime);
        }
        String written = logText();
        long traceLines = Stream.concat(written.lines(), terminal.capture(console).lines())
                .filter(line -> TRACE.matcher(line).find()).count();
        long drops = written.lines().filter(line -> line.contains("dropped a message from 127.0.0.1")).count();
        figures.add("trace lines: " + traceLines + "; log lines written: " + written.lines().count() + ", of them drops: "
                + drops);
        figures.add("RSS (MB): " + rssMegabytes);
        figures.forEach(line -> System.out.println("reliability: " + line));

        assertEquals(0, traceLines, written);
        // Told, once per source and endpoint every 10 s at most, without the messages' bytes.
        assertTrue(drops > 0 && drops <= 4L * (2 + millisSince(attacksStarted) / 10_000), written);
        assertTrue(written.lines().noneMatch(line -> line.contains("evil.example") || line.contains("z9hG4bK")), written);
        for (Map.Entry<String, Long> measured : rssMegabytes.entrySet()) {
            assertTrue(measured.getValue() <= idle * 3 / 2 + 64, "RSS " + measured.getKey() + ": " + rssMegabytes);
        }
    }

    @Test
    void thePhonesPasswordShowsInNoListingLogHistoryOrFrameworkFile() throws Exception {
        String password = Kamailio.password(CallServer.NUMBER);
        terminal.enter(console, "scr:info io.vtgoconnect.transport.sip.internal.ConfiguredLine");
        terminal.awaitScreen(console, "the line's component", screen -> screen.contains("password.file"));
        terminal.enter(console, "scr:list");
        terminal.enter(console, "lb");
        terminal.enter(console, "exit");
        String screen = terminal.awaitScreen(console, "the console's end", text -> text.contains("exit code "));

        assertTrue(!screen.contains(password), screen);
        assertTrue(!logText().contains(password), "the log shows the password");
        Path history = home.resolve(".vtgoconnect_history");
        assertTrue(!Files.exists(history) || !Files.readString(history).contains(password), "the history shows it");
        try (Stream<Path> files = Files.walk(Vtgoconnect.HOME.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertTrue(!new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(password),
                        file + " holds the password");
            }
        }
    }

    /** An INVITE to line 2001 at the phone whose offer names a host, not an address. */
    private static String inviteNamingAHost() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 evil.example\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        return "INVITE sip:" + CallServer.NUMBER + "@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:@LOCAL@;branch=z9hG4bKhost\r\n"
                + "From: <sip:9998@127.0.0.1>;tag=1\r\nTo: <sip:" + CallServer.NUMBER + "@127.0.0.1>\r\nCall-ID: host@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContact: <sip:9998@127.0.0.1:@LOCAL@>\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** Calls to test endpoint 2004 through the call server with SIPp, 10 a second, for the soak's seconds. */
    private String soak() throws Exception {
        int calls = 10 * SOAK_SECONDS;
        long started = System.nanoTime();
        List<String> command = List.of(PeerProcess.binary("sipp", "sip-tester"), "-sf", Sipp.scenarioFile("uac-call").toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-mp", Integer.toString(FreePorts.udpAndTcp(4)),
                "-r", "10", "-m", Integer.toString(calls), "-l", "50", "-nostdin", "-timeout", (SOAK_SECONDS + 60) + "s",
                "-s", "2004", "127.0.0.1:" + etc.sipPort);
        Process sipp = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("sipp.out").toFile())
                .start();
        int exit = sipp.waitFor();
        // SIPp's last screen counts the calls that succeeded and failed, with why.
        List<String> counts = Files.readAllLines(home.resolve("sipp.out")).stream().map(String::strip)
                .filter(line -> line.matches("(Successful call|Failed call|Failed .*|Unexpected.*|Dead call).*\\|.*")).distinct().toList();
        return "soak: " + calls + " calls to 2004 in " + millisSince(started) / 1000 + " s, SIPp exit " + exit
                + (exit == 0 ? " (all succeeded)" : " (some failed)") + "; " + counts;
    }

    private void measure(String when, ProcessHandle runtime) throws IOException {
        rssMegabytes.put(when, rss(runtime));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The runtime's JVM: the one whose configuration folder is this test's. */
    private ProcessHandle runtimeProcess() {
        String marker = "-Dfelix.fileinstall.dir=" + etc.folder;
        return ProcessHandle.allProcesses().filter(process -> process.info().arguments()
                .map(arguments -> List.of(arguments).contains(marker)).orElse(false)).findFirst().orElseThrow();
    }

    /** Resident memory in MB, as the kernel counts it (VmRSS). */
    private static long rss(ProcessHandle process) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst().orElseThrow();
    }
}
