package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.secret.PasswordHash;
import io.vtgoconnect.client.VtgoClient;
import io.vtgoconnect.client.VtgoClient.VtgoException;
import io.vtgoconnect.testing.peers.FreePorts;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A farm of phones in one runtime, driven through real sockets: by the remote API (two phones of the
 * farm call each other; filters; refusals of bad JSON, unknown phones and commands, wrong
 * credentials and oversized messages; a client that stops reading, which is closed and never delays
 * another's events) and by the console (the selected phone, --phone, and the lines of other phones).
 */
class FarmAndRemoteApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Snapshots of a phone of {@value #LINES} lines: about 4 MB of events, more than the kernel's socket buffers hold. */
    private static final int SNAPSHOTS = 500;
    private static final int LINES = 40;

    @TempDir
    Path directory;

    private RuntimeEtc farm(String... remoteSettings) {
        return farm(1, remoteSettings);
    }

    private RuntimeEtc farm(int linesPerPhone, String... remoteSettings) {
        RuntimeEtc etc = RuntimeEtc.in(directory).withServerDirectory().withFarm(3, "lines.per.phone=" + linesPerPhone);
        etc.write("io.vtgoconnect.remote.cfg", remoteSettings);
        return etc;
    }

    @Test
    void twoPhonesOfTheFarmCallEachOtherAndSubscriptionsTakeWhatTheirFiltersSay() throws Exception {
        RuntimeEtc etc = farm();
        try (PipedConsole console = new PipedConsole(directory); VtgoClient client = VtgoClient.connect(etc.api(), Vtgoconnect.TIMEOUT)) {
            client.login(RuntimeEtc.API_USER, RuntimeEtc.API_PASSWORD);
            List<Map<String, Object>> heard = new CopyOnWriteArrayList<>();
            client.addListener(heard::add);
            client.subscribe(Map.of("phones", List.of("phone2"), "events", List.of("LineUpdate", "IncomingCall")));
            for (String phone : List.of("phone1", "phone2")) {
                client.run(phone, "RunProgram");
                client.waitFor(Map.of("phones", List.of(phone), "events", List.of("CallManagerConnected")), WAIT);
            }
            long callRef = ((Number) client.run("phone1", "MakeCall", "3001").result().get("callRef")).longValue();
            Map<String, Object> ringing = client.waitFor(Map.of("phones", List.of("phone2"), "states", List.of("TsRingIn")), WAIT);
            client.run("phone2", "Answer");
            client.waitFor(Map.of("phones", List.of("phone1"), "callRefs", List.of(callRef), "states", List.of("TsConnected")), WAIT);
            client.run("phone1", "EndCall");
            client.waitFor(Map.of("phones", List.of("phone2"), "events", List.of("PartyHangup")), WAIT);
            client.waitFor(Map.of("phones", List.of("phone2"), "states", List.of("TsIdle")), WAIT);

            assertEquals("Event : LineUpdate, Line=1(3001), Button=1, State=4(TsRingIn), CallRef=" + ringing.get("callRef")
                    + ", Direction=incoming, OtherParty=", ringing.get("text"));
            // The subscription took phone2's line updates and incoming call, and nothing of phone1 nor any other event.
            assertTrue(heard.stream().allMatch(event -> event.get("phone").equals("phone2")
                    && List.of("LineUpdate", "IncomingCall").contains(event.get("event"))), heard::toString);
            assertTrue(heard.stream().anyMatch(event -> event.get("event").equals("IncomingCall")
                    && "3000".equals(event.get("callerId"))), heard::toString);
            List<String> states = heard.stream().filter(event -> event.get("event").equals("LineUpdate"))
                    .map(event -> String.valueOf(((Map<?, ?>) event.get("state")).get("name"))).distinct().toList();
            assertTrue(states.containsAll(List.of("TsRingIn", "TsConnected", "TsIdle")), states::toString);

            VtgoClient.Reply listed = client.run(null, "Phones");
            List<String> phones = listed.output();
            assertTrue(phones.stream().anyMatch(line -> line.startsWith("  phone3") && line.contains("not running")), phones::toString);
            // The farm's phones, and no default phone that nobody configured.
            assertEquals(List.of("phone1", "phone2", "phone3"), ((List<?>) listed.result().get("phones")).stream()
                    .map(phone -> ((Map<?, ?>) phone).get("name")).toList(), phones::toString);
            console.send("exit");
            console.awaitExit();
        }
    }

    @Test
    void aConnectionsRequestsRunInTheOrderSentAndAPhonesEventsComeInTheOrderTheConsolePrintsThem() throws Exception {
        RuntimeEtc etc = farm(3);
        try (PipedConsole console = new PipedConsole(directory); VtgoClient client = VtgoClient.connect(etc.api(), Vtgoconnect.TIMEOUT)) {
            // The console prints the events from its first command on.
            console.send("phone");
            console.awaitLine("Commands act on phone phone1.");
            client.login(RuntimeEtc.API_USER, RuntimeEtc.API_PASSWORD);
            List<Map<String, Object>> heard = new CopyOnWriteArrayList<>();
            BlockingQueue<Map<String, Object>> arriving = new LinkedBlockingQueue<>();
            client.addListener(event -> {
                heard.add(event);
                arriving.add(event);
            });
            client.subscribe(Map.of("phones", List.of("phone1")));
            // RunProgram takes a while on the API's threads; the quick OffHook sent right behind it waits for it, or it
            // would find the phone not running.
            client.sendText("{\"id\":\"start\",\"command\":\"RunProgram\",\"phone\":\"phone1\"}");
            client.run("phone1", "OffHook");
            client.run("phone1", "OnHook");
            client.waitFor(Map.of("phones", List.of("phone1"), "events", List.of("CallManagerConnected")), WAIT);

            // The snapshot's events are all sent before its reply, in the manual's order, as the console prints them.
            heard.clear();
            client.run("phone1", "Snapshot");
            List<String> sent = heard.stream().map(event -> String.valueOf(event.get("text"))).toList();
            List<Object> kinds = heard.stream().map(event -> event.get("event")).toList();
            assertEquals("Event : Connected to CallManager", sent.get(0), sent::toString);
            assertEquals(List.of("LineUpdate", "LineUpdate", "LineUpdate"), kinds.subList(1, 4), sent::toString);
            assertTrue(kinds.subList(4, kinds.size()).stream().allMatch("SpeedDialUpdate"::equals), sent::toString);
            console.await("the API's snapshot", sent.get(sent.size() - 1)::equals);
            console.send("snapshot");
            console.await("the console's snapshot", sent.get(sent.size() - 1)::equals);
            List<String> printed = console.printed().stream().filter(line -> line.startsWith("Event : ")).toList();
            assertEquals(sent, printed.subList(printed.size() - sent.size(), printed.size()));
            // The API sent the console's snapshot too, and each event once: EventAdmin delivered the first snapshot to its
            // handlers before the console printed the second.
            while (heard.size() < 2 * sent.size() && arriving.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS) != null) {
                // Each event heard wakes this up.
            }
            List<String> both = new ArrayList<>(sent);
            both.addAll(sent);
            assertEquals(both, heard.stream().map(event -> String.valueOf(event.get("text"))).toList());
            console.send("exit");
            console.awaitExit();
        }
    }

    @Test
    void theApiRefusesWhatItDoesNotTakeWithTheManualsCodes() throws Exception {
        RuntimeEtc etc = farm("max.message.size=4096", "login.delay=700", "requests.per.second=1", "request.burst=40");
        // A user who logs in with a token and may use phone1 only.
        etc.write("io.vtgoconnect.remote.user-agent1.config", "name=\"agent1\"",
                ".token=\"" + PasswordHash.of("agent1-token") + "\"", "phones=[\"phone1\"]");
        try (PipedConsole console = new PipedConsole(directory);
                VtgoClient client = VtgoClient.connect(etc.api(), Vtgoconnect.TIMEOUT)) {
            VtgoException notLoggedIn = assertThrows(VtgoException.class, () -> client.run("phone1", "Snapshot"));
            assertEquals("ERROR_ACCESS_DENIED", notLoggedIn.error());
            long start = System.nanoTime();
            VtgoException wrong = assertThrows(VtgoException.class, () -> client.login(RuntimeEtc.API_USER, "guess"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("ERROR_ACCESS_DENIED(24) - Wrong user, password or token.", wrong.getMessage());
            assertTrue(millis >= 700, "a wrong credential is answered after the delay: " + millis + " ms");
            assertEquals("ERROR_ACCESS_DENIED", assertThrows(VtgoException.class, () -> client.loginWithToken("guess")).error());
            client.login(RuntimeEtc.API_USER, RuntimeEtc.API_PASSWORD);

            VtgoClient.Reply notJson = client.requestRaw("{\"id\":1,\"command\":");
            assertEquals("It is not JSON: the text ends where a value was expected at character 19.", notJson.error().get("message"));
            assertEquals(3L, notJson.error().get("code"));
            assertEquals("ERROR_PHONE_NOT_FOUND(8) - There is no phone named phone9; Phones lists them.",
                    assertThrows(VtgoException.class, () -> client.run("phone9", "MakeCall", "3000")).getMessage());
            assertEquals("ERROR_INVALID_COMMAND", assertThrows(VtgoException.class, () -> client.run(null, "felix:lb")).error());
            assertEquals("ERROR_INVALID_COMMAND", assertThrows(VtgoException.class, () -> client.run(null, "waitfor2")).error());
            assertEquals("ERROR_NO_DESTINATION(4) - MakeCall needs a destination: MakeCall destination.",
                    assertThrows(VtgoException.class, () -> client.run("phone1", "MakeCall")).getMessage());
            assertEquals("ERROR_PHONE_NOT_RUNNING", assertThrows(VtgoException.class, () -> client.run("phone1", "Hold")).error());
            assertEquals("TIMEOUT", assertThrows(VtgoException.class,
                    () -> client.waitFor(Map.of("events", List.of("PartyBusy")), Duration.ofMillis(300))).error());

            try (VtgoClient agent = VtgoClient.connect(etc.api(), Vtgoconnect.TIMEOUT)) {
                agent.loginWithToken("agent1-token");
                assertEquals("phone1", agent.run(null, "Phones").result().get("phone"));
                assertEquals("ERROR_ACCESS_DENIED(24) - agent1 may not use phone phone2.",
                        assertThrows(VtgoException.class, () -> agent.run("phone2", "Phones")).getMessage());
            }
            // One request a second after a burst of 40: a flood is refused, each request beyond it with one error.
            VtgoException flooded = null;
            for (int i = 0; i < 100 && flooded == null; i++) {
                try {
                    client.run("phone1", "Phones");
                } catch (VtgoException refused) {
                    flooded = refused;
                }
            }
            assertTrue(flooded != null, "100 requests at once were all run");
            assertEquals("ERROR_LIMIT_EXCEEDED(25) - More than 1 requests a second: this one was not run; send more slowly.",
                    flooded.getMessage());

            client.sendText("{\"id\":2,\"command\":\"Phones\",\"pad\":\"" + "x".repeat(5000) + "\"}");
            VtgoClient.Closed closed = client.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1009, closed.code(), closed::toString);
            console.send("exit");
            console.awaitExit();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAndNeverDelaysAnother() throws Exception {
        RuntimeEtc etc = farm(LINES, "queue.limit=50", "requests.per.second=100000", "request.burst=100000");
        try (PipedConsole console = new PipedConsole(directory); VtgoClient fast = VtgoClient.connect(etc.api(), Vtgoconnect.TIMEOUT);
                Socket slow = new Socket()) {
            // A small window, so that what the server sends piles up in its queue rather than in the socket's buffers.
            slow.setReceiveBufferSize(2048);
            slow.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), etc.api().getPort()));
            fast.login(RuntimeEtc.API_USER, RuntimeEtc.API_PASSWORD);
            fast.run("phone1", "RunProgram");
            fast.waitFor(Map.of("phones", List.of("phone1"), "events", List.of("CallManagerConnected")), WAIT);
            RawWebSocket raw = new RawWebSocket(slow);
            raw.send("{\"id\":1,\"command\":\"login\",\"user\":\"" + RuntimeEtc.API_USER + "\",\"password\":\""
                    + RuntimeEtc.API_PASSWORD + "\"}");
            raw.send("{\"id\":2,\"command\":\"subscribe\"}");
            // From now on the slow client reads nothing; each snapshot is a line update a line it is sent.
            long worst = 0;
            for (int i = 0; i < SNAPSHOTS; i++) {
                long start = System.nanoTime();
                fast.run("phone1", "Snapshot");
                fast.waitFor(Map.of("phones", List.of("phone1"), "events", List.of("LineUpdate")), WAIT);
                worst = Math.max(worst, System.nanoTime() - start);
            }
            long worstMillis = TimeUnit.NANOSECONDS.toMillis(worst);
            // A server that waited on the slow client would stall the fast one for the connector's idle timeout (10 s) or more.
            assertTrue(worstMillis < 5000, "the fast client's command to event took up to " + worstMillis + " ms");
            Optional<String> closed = raw.closeWithin(WAIT);
            // Its close frame says why, unless the client is too far behind to read it in time: then it is dropped.
            assertTrue(closed.isPresent(), "the client that stopped reading is closed, after " + raw.read() + " bytes");
            assertTrue(List.of("", "ERROR_LIMIT_EXCEEDED(25) - This connection fell 50 messages behind; it is closed.")
                    .contains(closed.get()), closed::get);
            System.out.printf("Remote API: %d snapshots beside a client that reads nothing: command to event %d ms at worst%n",
                    SNAPSHOTS, worstMillis);
            console.send("exit");
            console.awaitExit();
        }
    }

    @Test
    void theConsoleDrivesTheFarmOnTheSelectedPhoneOrTheOneACommandNames() throws Exception {
        farm();
        try (PipedConsole console = new PipedConsole(directory)) {
            // The farm's first phone is the one selected: there is no other.
            console.send("phone");
            console.awaitLine("Commands act on phone phone1.");
            console.send("phone phone2");
            console.awaitLine("Commands act on phone phone2.");
            console.send("runprogram");
            console.awaitLine("Event : Connected to CallManager");
            console.send("runprogram --phone phone1");
            console.awaitLine("[phone1] Event : Connected to CallManager");
            console.send("makecall -p phone1 3001");
            console.await("phone2 rings", line -> line.startsWith("Event : LineUpdate, Line=1(3001), Button=1, State=4(TsRingIn)"));
            console.send("answer");
            console.await("phone1 connected", line -> line.startsWith("[phone1] Event : LineUpdate, Line=1(3000), Button=1, "
                    + "State=5(TsConnected)"));
            console.send("endcall");
            console.awaitLine("[phone1] Event : PartyHangup");
            console.send("phones");
            console.awaitLine("* phone2");
            console.send("phone phone9");
            console.awaitLine("Error : ERROR_PHONE_NOT_FOUND(8) - There is no phone named phone9; Phones lists them.");
            console.send("exit");
            console.awaitExit();
        }
    }

    @Test
    void theConsoleAddsAndRemovesFarmsAndPhonesWhileTheRuntimeRuns() throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory).withServerDirectory();
        Path password = java.nio.file.Files.writeString(directory.resolve("lab.password"), "lab-{line}-secret\n");
        try (PipedConsole console = new PipedConsole(directory)) {
            console.send("AddFarm lab 2 line.first=3100 registrar=127.0.0.1:" + etc.sipPort + " password.file=" + password
                    + " sip.port.first=" + FreePorts.udpAndTcp(2) + " rtp.port.min=41000 rtp.port.max=41999");
            console.awaitLine("Farm lab of 2 phones is added; Phones lists them.");
            // Named for their farm; the call server's directory has their lines from the same configuration.
            console.send("runprogram --phone lab2");
            console.awaitLine("[lab2] Event : Connected to CallManager");
            console.send("phones");
            // The farm's first phone is the one selected: the default phone gave way to the farm.
            console.awaitLine("* lab1  device SEP000000000001, not running");
            console.send("AddFarm lab 3");
            console.awaitLine("Error : ERROR_INVALID_COMMAND(3) - A farm named lab exists already.");
            console.send("AddFarm other many");
            console.awaitLine("Error : ERROR_INVALID_COMMAND(3) - \"many\" is not a number of phones; a farm has 1 or more.");
            console.send("RemoveFarm lab");
            console.awaitLine("Farm lab is removed.");
            console.send("phone lab2");
            console.awaitLine("Error : ERROR_PHONE_NOT_FOUND(8) - There is no phone named lab2; Phones lists them.");

            console.send("AddPhone desk sip.port");
            console.awaitLine("Error : ERROR_INVALID_COMMAND(3) - \"sip.port\" is not a setting; write key=value, as sip.port=5071.");
            console.send("AddPhone desk device.name=SEP00AA00BB00CC sip.port=" + FreePorts.udpAndTcp());
            console.awaitLine("Phone desk is added; RunProgram --phone desk starts it.");
            console.send("phones");
            console.await("desk listed", line -> line.matches(". +desk +device SEP00AA00BB00CC, not running"));
            console.send("RemovePhone desk");
            console.awaitLine("Phone desk is removed.");
            console.send("RemovePhone desk");
            console.await("a second removal refused", line -> line.startsWith("Error : ERROR_PHONE_NOT_FOUND(8) - No phone named desk"));
            console.send("exit");
            console.awaitExit();
        }
    }

    /** A WebSocket client of its own, which sends and then never reads (the JDK's reads all it is sent). */
    private static final class RawWebSocket {
        private final Socket socket;
        private final OutputStream out;
        private long read;

        RawWebSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            String key = Base64.getEncoder().encodeToString("vtgoconnect-slow".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /vtgo/api HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder headers = new StringBuilder();
            while (!headers.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("The server closed the handshake: " + headers);
                }
                headers.append((char) c);
            }
            if (!headers.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("No WebSocket: " + headers);
            }
        }

        /** One masked text frame, as a client sends it. */
        void send(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(0x81);
            if (payload.length < 126) {
                out.write(0x80 | payload.length);
            } else {
                out.write(0x80 | 126);
                out.write(payload.length >> 8);
                out.write(payload.length & 0xff);
            }
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
        }

        /**
         * Reads what piled up, frame by frame, until the server's close frame (its reason) or the end of
         * the connection ("" for a connection dropped without a close frame); empty when it stays open.
         */
        Optional<String> closeWithin(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            try {
                while (true) {
                    int opcode = in.readUnsignedByte() & 0x0f;
                    long length = in.readUnsignedByte() & 0x7f;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] payload = in.readNBytes((int) length);
                    read += 2 + length;
                    if (opcode == 0x8) {
                        return Optional.of(payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
                    }
                }
            } catch (java.io.EOFException | java.net.SocketException dropped) {
                return Optional.of("");
            } catch (java.net.SocketTimeoutException stillOpen) {
                return Optional.empty();
            }
        }

        /** How many bytes of frames it read. */
        long read() {
            return read;
        }
    }
}
